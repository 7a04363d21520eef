import { count, slotMasters } from './shared.js';

import type { Rule } from './rule.js';

const SPEC_KEY = 'cluster.masters';
const WHY = 'failover needs a majority of masters to agree, so fewer than 3 cannot fail over';

export const clusterMasters: Rule = {
  id: 'cluster-masters',
  spec: ({ cluster: c }) =>
    c && c.masters < 3 ? { severity: 'error', path: SPEC_KEY, message: `${count(c.masters, 'master')}: ${WHY}`, fix: `set ${SPEC_KEY}: 3` } : undefined,
  live: {
    cluster: (state) => {
      const masters = slotMasters(state).length;
      if (masters === 0 || masters >= 3) return undefined;
      return {
        severity: 'error',
        path: 'CLUSTER INFO cluster_size',
        observed: `${count(masters, 'master')} serve slots`,
        message: WHY,
        fix: 'add masters (redis-cli --cluster add-node, then rebalance) to reach 3',
        specKey: SPEC_KEY,
      };
    },
  },
};
