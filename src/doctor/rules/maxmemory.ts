import { PERSIST } from './shared.js';
import type { Rule } from './rule.js';

const SPEC_KEY = 'persistence.maxmemory';
const WHY = 'no maxmemory: a queue backlog grows until the OS kills Redis';

export const maxmemory: Rule = {
  id: 'maxmemory',
  spec: ({ persistence: p }) =>
    /^0+[a-z]*$/i.test(p.maxmemory)
      ? {
          severity: 'warning',
          path: SPEC_KEY,
          message: WHY,
          fix: `set ${SPEC_KEY} to what the host can spare, e.g. 2gb (with noeviction, adds then fail cleanly)`,
        }
      : undefined,
  live: {
    node: ({ name, config }) =>
      config?.maxmemory === '0'
        ? {
            severity: 'warning',
            path: 'maxmemory',
            nodes: [name],
            observed: '0 (no limit)',
            message: WHY,
            fix: `CONFIG SET maxmemory <what the host can spare, e.g. 2gb>, ${PERSIST}`,
            specKey: SPEC_KEY,
          }
        : undefined,
  },
};
