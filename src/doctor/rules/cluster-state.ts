import type { Rule } from './rule.js';

export const clusterState: Rule = {
  id: 'cluster-state',
  live: {
    cluster: (state) => {
      const failing = state.nodes.filter((n) => n.cluster && n.cluster.state !== 'ok');
      if (failing.length === 0) return undefined;
      return {
        severity: 'error',
        path: 'CLUSTER INFO cluster_state',
        nodes: failing.map((n) => n.name),
        observed: 'fail',
        message: 'these nodes refuse commands: queues whose slots they serve stall',
        fix: 'redis-cli --cluster check <node>; start failed masters or run redis-cli --cluster fix <node>',
      };
    },
  },
};
