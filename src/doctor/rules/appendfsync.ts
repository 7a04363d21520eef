import { PERSIST } from './shared.js';
import type { Rule } from './rule.js';

const SPEC_KEY = 'persistence.appendfsync';
const WHY = 'appendfsync no leaves flushing to the OS: a crash can lose ~30 s of jobs';

/** Only while appendonly is on: with it off, the appendonly rule says what matters. */
export const appendfsync: Rule = {
  id: 'appendfsync',
  spec: ({ persistence: p }) =>
    p.appendonly && p.appendfsync === 'no' ? { severity: 'warning', path: SPEC_KEY, message: WHY, fix: `set ${SPEC_KEY}: everysec` } : undefined,
  live: {
    node: ({ name, config }) =>
      config?.appendonly === 'yes' && config.appendfsync === 'no'
        ? {
            severity: 'warning',
            path: 'appendfsync',
            nodes: [name],
            observed: 'no',
            message: WHY,
            fix: `CONFIG SET appendfsync everysec, ${PERSIST}`,
            specKey: SPEC_KEY,
          }
        : undefined,
  },
};
