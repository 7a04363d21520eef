import { countSlots, formatSlotRanges } from '../../probe/cluster-nodes.js';
import { CLUSTER_SLOTS } from '../../topology/slots.js';
import { uncoveredSlots } from '../../topology/slot-ranges.js';
import { slotMasters } from './shared.js';
import type { Rule } from './rule.js';

/** Every slot assigned (CLUSTER NODES) and served (CLUSTER INFO): a queue hashed to a slot that is not stalls. */
export const clusterSlots: Rule = {
  id: 'cluster-slots',
  live: {
    cluster: (state) => {
      const masters = slotMasters(state);
      const uncovered = masters.length > 0 ? uncoveredSlots(masters.flatMap((m) => m.status.slots ?? [])) : [];
      const missing = countSlots(uncovered);
      if (missing > 0) {
        return {
          severity: 'error',
          path: 'CLUSTER NODES slots',
          observed: `${missing} of ${CLUSTER_SLOTS} slots not assigned: ${formatSlotRanges(uncovered.slice(0, 5))}${uncovered.length > 5 ? ', ...' : ''}`,
          message: 'keys in unassigned slots cannot be read or written: queues hashed there fail with CLUSTERDOWN',
          fix: 'redis-cli --cluster fix <node> assigns them',
        };
      }
      const c = state.health.cluster;
      if (!c || c.slotsOk >= CLUSTER_SLOTS) return undefined;
      return {
        severity: 'error',
        path: 'CLUSTER INFO cluster_slots_ok',
        observed: `${c.slotsOk} of ${CLUSTER_SLOTS} ok (pfail ${c.slotsPfail}, fail ${c.slotsFail})`,
        message: 'slots served by a failing master: queues hashed there stall until its replica takes over',
        fix: 'redis-arc status shows which master; start it or let a replica take over (CLUSTER FAILOVER)',
      };
    },
  },
};
