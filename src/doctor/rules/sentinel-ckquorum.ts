import { watching } from './shared.js';
import type { Rule } from './rule.js';

export const sentinelCkquorum: Rule = {
  id: 'sentinel-ckquorum',
  live: {
    sentinel: (s) =>
      watching(s) && s.status.ckquorum && !s.status.ckquorum.ok
        ? {
            severity: 'error',
            path: 'SENTINEL CKQUORUM',
            nodes: [s.name],
            observed: s.status.ckquorum.message,
            message: 'not enough sentinels reachable to authorize a failover: a master failure becomes an outage',
            fix: 'start the missing sentinels, and check that they see each other (announce-ip, firewall, sentinel auth)',
          }
        : undefined,
  },
};
