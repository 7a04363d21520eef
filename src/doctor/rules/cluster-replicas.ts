import { formatSlotRanges } from '../../probe/cluster-nodes.js';
import { sameEndpoint } from '../../redis/endpoint.js';
import { count, slotMasters } from './shared.js';

import type { LiveDraft, Rule } from './rule.js';

const SPEC_KEY = 'cluster.replicasPerMaster';

/** A master with no replica in sync has nothing to promote: its slots go offline with it. */
export const clusterReplicas: Rule = {
  id: 'cluster-replicas',
  spec: ({ cluster: c }) =>
    c?.replicasPerMaster === 0
      ? {
          severity: 'warning',
          path: SPEC_KEY,
          message: 'no replicas: a failed master takes its slots, and every queue hashed there, offline',
          fix: `set ${SPEC_KEY}: 1`,
        }
      : undefined,
  live: {
    cluster: (state) => {
      const out: LiveDraft[] = [];
      for (const m of slotMasters(state)) {
        const replicas = (m.status.replicas ?? []).map((a) => state.nodes.find((n) => sameEndpoint(n.status.address, a)));
        const working = replicas.filter((r) => r?.replication?.role === 'replica' && r.replication.linkStatus === 'up').length;
        if (working > 0) continue;
        out.push({
          severity: 'warning',
          path: 'CLUSTER NODES',
          nodes: [m.name],
          observed: replicas.length === 0 ? 'no replica' : `${count(replicas.length, 'replica')}, none in sync`,
          message: `if it fails, its slots (${formatSlotRanges(m.status.slots ?? [])}) and every queue hashed there go offline: there is nothing to promote`,
          fix: 'add a replica: redis-cli --cluster add-node <new> <this> --cluster-slave',
          specKey: SPEC_KEY,
        });
      }
      return out;
    },
  },
};
