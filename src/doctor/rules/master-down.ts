import { watching } from './shared.js';
import type { Rule } from './rule.js';

export const masterDown: Rule = {
  id: 'master-down',
  live: {
    sentinel: (s) =>
      watching(s) && (s.status.masterFlags ?? []).some((f) => f === 's_down' || f === 'o_down')
        ? {
            severity: 'error',
            path: 'SENTINEL MASTER',
            nodes: [s.name],
            observed: `flags ${s.status.masterFlags?.join(',')}`,
            message: 'the sentinels consider the master down: adds fail until a replica is promoted',
            fix: 'watch the failover (redis-arc status --watch); if none starts, check CKQUORUM and the replicas',
          }
        : undefined,
  },
};
