import { count } from './shared.js';
import type { Rule } from './rule.js';

const SPEC_KEY = 'sentinel.sentinels';
const TOO_FEW = 'losing one leaves no majority to authorize a failover';
const evenCount = (n: number) => `tolerates no more failures than ${n - 1}, with one more process to run`;

/** Fewer than 3 sentinels cannot lose one; an even count adds a process without adding tolerance. */
export const sentinelCount: Rule = {
  id: 'sentinel-count',
  spec: ({ sentinel: s }) => {
    if (!s) return undefined;
    const n = s.sentinels;
    if (n < 3)
      return {
        severity: n === 1 ? 'error' : 'warning',
        path: SPEC_KEY,
        message: `${count(n, 'sentinel')}: ${TOO_FEW}`,
        fix: `set ${SPEC_KEY}: 3 (on separate hosts in production)`,
      };
    if (n % 2 === 0)
      return { severity: 'warning', path: SPEC_KEY, message: `${n} sentinels (even): ${evenCount(n)}`, fix: `set ${SPEC_KEY}: ${n - 1} or ${n + 1}` };
    return undefined;
  },
  live: {
    // Counted only when a sentinel answered: `total` then includes the peers it knows.
    sentinels: ({ reachable, total }) => {
      if (reachable.length === 0) return undefined;
      const path = 'SENTINEL SENTINELS';
      if (total < 3) {
        return {
          severity: total === 1 ? 'error' : 'warning',
          path,
          observed: count(total, 'sentinel'),
          message: TOO_FEW,
          fix: 'run 3 sentinels, on separate hosts in production',
          specKey: SPEC_KEY,
        };
      }
      if (total % 2 === 0) {
        return {
          severity: 'warning',
          path,
          observed: `${total} sentinels`,
          message: `an even count ${evenCount(total)}`,
          fix: `run ${total - 1} or ${total + 1} sentinels`,
          specKey: SPEC_KEY,
        };
      }
      return undefined;
    },
  },
};
