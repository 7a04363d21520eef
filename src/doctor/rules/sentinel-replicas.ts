import { watching } from './shared.js';
import type { Rule } from './rule.js';

const SPEC_KEY = 'sentinel.replicas';
const OUTAGE = 'a master failure is an outage';

export const sentinelReplicas: Rule = {
  id: 'sentinel-replicas',
  spec: ({ sentinel: s }) =>
    s?.replicas === 0
      ? { severity: 'error', path: SPEC_KEY, message: `no replicas: the sentinels have nothing to promote, so ${OUTAGE}`, fix: `set ${SPEC_KEY}: 2` }
      : undefined,
  live: {
    sentinel: (s, { masterName }) => {
      const { knownReplicas: known, usableReplicas: usable } = s.status;
      if (!watching(s)) return undefined;
      if (known === 0) {
        return {
          severity: 'error',
          path: 'SENTINEL MASTER num-slaves',
          nodes: [s.name],
          observed: '0 replicas known',
          message: `nothing to promote: ${OUTAGE}`,
          fix: 'start replicas (REPLICAOF <master> on each), 2 is usual',
          specKey: SPEC_KEY,
        };
      }
      if (known === undefined || usable === undefined || usable >= known) return undefined;
      return {
        severity: 'warning',
        path: 'SENTINEL REPLICAS',
        nodes: [s.name],
        observed: `${usable} of ${known} replicas usable`,
        message: 'replicas it considers down cannot be promoted',
        fix: `bring them back; a replica removed for good is forgotten with SENTINEL RESET ${masterName}`,
      };
    },
  },
};
