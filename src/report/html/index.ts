import { ArcError } from '../../errors/index.js';
import type { BenchResult } from '../../scenarios/bench/types.js';
import type { CompareResult } from '../../scenarios/compare/types.js';
import type { FailoverResult } from '../../scenarios/failover/types.js';
import { benchHtml } from './bench.js';
import { compareHtml } from './compare.js';
import { failoverHtml } from './failover.js';

export { benchHtml } from './bench.js';
export { compareHtml } from './compare.js';
export { failoverHtml } from './failover.js';

/** Which result a saved --json holds, told by its shape (all are schemaVersion 1). */
export function resultKind(value: unknown): 'failover' | 'bench' | 'compare' | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (v.schemaVersion !== 1) return undefined;
  if (Array.isArray(v.trials) && typeof v.fault === 'string') return 'failover';
  if (Array.isArray(v.measurements) && Array.isArray(v.rows) && typeof v.settings === 'object' && v.settings !== null) return 'compare';
  if (Array.isArray(v.results) && typeof v.environment === 'object' && v.environment !== null) return 'bench';
  return undefined;
}

/** `redis-arc report`: the HTML of a saved failover-test, bench or compare result. */
export function reportHtml(value: unknown, source: string): string {
  const kind = resultKind(value);
  if (kind === 'failover') return failoverHtml(value as FailoverResult);
  if (kind === 'bench') return benchHtml(value as BenchResult);
  if (kind === 'compare') return compareHtml(value as CompareResult);
  throw new ArcError(`${source}: not a redis-arc failover-test, bench or compare result (schemaVersion 1); write one with --json`);
}
