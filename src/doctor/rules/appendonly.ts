import { PERSIST } from './shared.js';
import type { Rule } from './rule.js';

const SPEC_KEY = 'persistence.appendonly';
const WHY = 'appendonly is off: a restarted node comes back with the jobs of its last snapshot only';

export const appendonly: Rule = {
  id: 'appendonly',
  spec: ({ persistence: p }) =>
    p.appendonly ? undefined : { severity: 'warning', path: SPEC_KEY, message: WHY, fix: `set ${SPEC_KEY}: true (appendfsync everysec loses at most ~1 s)` },
  live: {
    node: (node) =>
      node.config?.appendonly === 'no'
        ? {
            severity: 'warning',
            path: 'appendonly',
            nodes: [node.name],
            observed: 'no',
            message: WHY,
            fix: `CONFIG SET appendonly yes, ${PERSIST}`,
            specKey: SPEC_KEY,
          }
        : undefined,
  },
};
