import { PERSIST } from './shared.js';
import type { Rule } from './rule.js';

const SPEC_KEY = 'persistence.maxmemoryPolicy';
const why = (policy: string) => `${policy} evicts keys when memory is full: BullMQ silently loses jobs and queue metadata`;

/** BullMQ needs noeviction: any other policy deletes queue keys at the memory limit. */
export const maxmemoryPolicy: Rule = {
  id: 'maxmemory-policy',
  spec: ({ persistence: p }) =>
    p.maxmemoryPolicy === 'noeviction'
      ? undefined
      : {
          severity: 'error',
          path: SPEC_KEY,
          message: why(p.maxmemoryPolicy),
          fix: `set ${SPEC_KEY}: noeviction (writes then fail loudly at the limit instead)`,
        },
  live: {
    node: (node) => {
      const policy = node.config?.['maxmemory-policy'];
      if (policy === undefined || policy === 'noeviction') return undefined;
      return {
        severity: 'error',
        path: 'maxmemory-policy',
        nodes: [node.name],
        observed: policy,
        message: why(policy),
        fix: `CONFIG SET maxmemory-policy noeviction, ${PERSIST}`,
        specKey: SPEC_KEY,
      };
    },
  },
};
