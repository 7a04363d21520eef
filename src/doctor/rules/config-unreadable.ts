import type { Rule } from './rule.js';

export const configUnreadable: Rule = {
  id: 'config-unreadable',
  live: {
    node: (node) =>
      node.status.reachable && !node.config
        ? {
            // A warning, not info: the checks that matter most did not run, so doctor cannot call the node ready.
            severity: 'warning',
            path: 'CONFIG GET',
            nodes: [node.name],
            observed: node.configError ?? 'no reply',
            message: 'CONFIG is renamed, disabled or not permitted: maxmemory-policy, appendonly and min-replicas-to-write were not checked on it',
            fix: "check them in the provider's console, or grant the doctor user +config|get",
          }
        : undefined,
  },
};
