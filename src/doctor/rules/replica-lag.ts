import { sameEndpoint } from '../../redis/endpoint.js';
import { DEFAULT_MAX_LAG_SECONDS } from '../../probe/health-defaults.js';
import { seenByMaster } from '../../probe/node-status.js';
import { replicaLag as lagOf } from '../../probe/replication.js';
import type { Rule } from './rule.js';

/** A replica further behind than this would lose that much of the queue in a failover. */
const MAX_LAG_BYTES = 1024 * 1024;

/** A replica whose link is up but that trails its master (a link that is down is replica-link's). */
export const replicaLag: Rule = {
  id: 'replica-lag',
  live: {
    node: (node, state) => {
      const r = node.replication;
      if (r?.role !== 'replica' || r.linkStatus !== 'up') return undefined;
      const followed = r.master && state.addresses.reach(r.master);
      const master = followed && state.nodes.find((n) => sameEndpoint(n.address, followed) && n.replication?.role === 'master');
      if (!master?.replication) return undefined;
      const lag = lagOf(master.replication, seenByMaster(state.addresses, master.replication, node.address), r);
      if (lag.bytes <= MAX_LAG_BYTES && (lag.seconds ?? 0) <= DEFAULT_MAX_LAG_SECONDS) return undefined;
      const io = r.lastIoSecondsAgo;
      return {
        severity: 'warning',
        path: 'INFO replication',
        nodes: [node.name],
        observed: `${lag.bytes} bytes behind ${master.name} (offset ${r.offset} vs ${master.replication.offset}), lag ${lag.seconds ?? '-'} s, master_last_io_seconds_ago ${io ?? '-'}`,
        message: 'a failover now loses the jobs in that gap, and a lagging replica does not count for min-replicas-to-write',
        fix: "check the replica's network and disk; if it keeps resyncing, raise repl-backlog-size",
      };
    },
  },
};
