import type { LiveDraft, Rule } from './rule.js';

/** A capped key scan: un-tagged queues beyond the cap were not seen (so doctor does not say "ready"). */
export const keyScan: Rule = {
  id: 'key-scan',
  live: {
    cluster: (state) =>
      state.nodes.flatMap(({ name, scan }): LiveDraft[] =>
        scan?.capped
          ? [
              {
                severity: 'info',
                path: 'SCAN',
                nodes: [name],
                observed: `stopped after ${scan.keys.length} of ${scan.dbsize} keys`,
                message: 'un-tagged queues whose keys lie beyond that point were not seen',
                fix: 'raise --scan-limit to scan further',
              },
            ]
          : [],
      ),
  },
};
