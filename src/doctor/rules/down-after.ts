import { detectionFinding, MIN_SAFE_DETECTION_MS, specFix } from './detection.js';
import type { Rule } from './rule.js';
import { watching } from './shared.js';

const SPEC_KEY = 'sentinel.downAfterMs';

export const downAfter: Rule = {
  id: 'down-after',
  spec: ({ sentinel: s }) =>
    s && s.downAfterMs < MIN_SAFE_DETECTION_MS
      ? {
          severity: 'warning',
          path: SPEC_KEY,
          message: `${s.downAfterMs} ms: a master busy for that long (fork, slow disk, GC pause of a client burst) is failed over: flapping`,
          fix: specFix(SPEC_KEY),
        }
      : undefined,
  live: {
    sentinel: (s, { masterName }) =>
      watching(s)
        ? detectionFinding(
            'down-after-milliseconds',
            s.master?.['down-after-milliseconds'],
            [s.name],
            `SENTINEL SET ${masterName} down-after-milliseconds 5000 on every sentinel`,
            SPEC_KEY,
          )
        : undefined,
  },
};
