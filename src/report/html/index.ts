import { readResult } from '../../scenarios/results/read.js';
import { benchHtml } from './bench.js';
import { compareHtml } from './compare.js';
import { failoverHtml } from './failover.js';

export { benchHtml } from './bench.js';
export { compareHtml } from './compare.js';
export { failoverHtml } from './failover.js';

/** `redis-arc report`: the HTML of a saved failover-test, bench or compare result, validated first (one line, exit 1, if it is none). */
export function reportHtml(value: unknown, source: string): string {
  const r = readResult(value, source);
  switch (r.result) {
    case 'failover':
      return failoverHtml(r);
    case 'bench':
      return benchHtml(r);
    case 'compare':
      return compareHtml(r);
  }
}
