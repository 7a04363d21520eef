import { formatEndpoint } from '../../redis/endpoint.js';
import type { Rule } from './rule.js';

const PATH = 'SENTINEL GET-MASTER-ADDR-BY-NAME';

/** Every sentinel names the same master: one that names none, or sentinels that disagree, are errors. */
export const sentinelMaster: Rule = {
  id: 'sentinel-master',
  live: {
    sentinel: ({ name, status: st }, { masterName }) =>
      st.reachable && !st.master
        ? {
            severity: 'error',
            path: PATH,
            nodes: [name],
            observed: `no master named '${masterName}'`,
            message: 'this sentinel does not monitor the master: clients asking it get no address',
            fix: `check --master-name, or SENTINEL MONITOR ${masterName} <ip> <port> <quorum> on it`,
          }
        : undefined,
    sentinels: ({ reachable, masterName }) => {
      const masters = new Map<string, string[]>();
      for (const s of reachable) {
        const named = s.status.master && formatEndpoint(s.status.master);
        if (named) masters.set(named, [...(masters.get(named) ?? []), s.name]);
      }
      if (masters.size < 2) return undefined;
      return {
        severity: 'error',
        path: PATH,
        nodes: reachable.map((s) => s.name),
        observed: [...masters].map(([m, by]) => `${m} (${by.join(', ')})`).join(' vs '),
        message: 'the sentinels disagree on the master: clients asking different sentinels write to different masters',
        fix: `compare SENTINEL MASTER ${masterName} on each; a sentinel cut off from its peers needs SENTINEL RESET ${masterName}`,
      };
    },
  },
};
