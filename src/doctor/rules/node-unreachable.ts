import { isMaster, unreachable } from './shared.js';
import type { Rule } from './rule.js';

export const nodeUnreachable: Rule = {
  id: 'node-unreachable',
  live: {
    node: (node, state) => {
      if (node.status.reachable) return undefined;
      const master = isMaster(state, node);
      return {
        severity: master ? 'error' : 'warning',
        path: 'connection',
        nodes: [node.name],
        observed: unreachable(node.status.error, node.status.address),
        message: master
          ? 'a master that does not answer: every queue it holds is stalled until a failover'
          : 'a replica that does not answer: one copy fewer to fail over to',
        fix: 'start it (redis-arc up, in a project), or check its address and firewall',
      };
    },
  },
};
