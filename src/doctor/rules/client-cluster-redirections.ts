import { effective, IOREDIS_DEFAULTS } from '../client-settings.js';
import type { Rule } from './rule.js';

export const clientClusterRedirections: Rule = {
  id: 'client-cluster-redirections',
  client: ({ roles, kind }) => {
    if (kind !== 'cluster') return undefined;
    return (['producer', 'worker'] as const).flatMap((role) => {
      const value = effective(roles[role].cluster, 'maxRedirections');
      return typeof value === 'number' && value < IOREDIS_DEFAULTS.maxRedirections
        ? [
            {
              severity: 'warning' as const,
              path: `${role} maxRedirections`,
              observed: String(value),
              message: `while slots move to a promoted replica a command is redirected (MOVED, ASK, TRYAGAIN, CLUSTERDOWN) several times; after ${value} it fails instead of reaching the new master`,
              fix: `maxRedirections: ${IOREDIS_DEFAULTS.maxRedirections} or more on the ioredis Cluster (its default)`,
            },
          ]
        : [];
    });
  },
};
