import type { MetricSummary } from '../failover/types.js';
import type { CompareRow, VerdictKind } from './types.js';

/** How the compare rows word their figures and verdicts: shared by the failover rows and the load and resource rows. */

/** A difference smaller than this share of the larger figure is within a shared machine's noise. */
export const NOISE = 0.1;
/** Spread queues must add at least this much throughput over one shared tag to count as write scaling. */
export const SCALING = 1.3;

/** Compare two figures where lower is better: which is lower, or within noise. */
export function lower(a: number, b: number): 'a' | 'b' | 'same' {
  const top = Math.max(a, b);
  if (top === 0 || Math.abs(a - b) / top <= NOISE) return 'same';
  return a < b ? 'a' : 'b';
}

export const s = (ms: number | null) => (ms === null ? 'never' : ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`);
export const range = (m: MetricSummary) => (m.min === m.max ? s(m.median) : `${s(m.median)} (${s(m.min)}-${s(m.max)})`);
export const pct = (a: number, b: number) => `${Math.round((a / b) * 100)}%`;
export const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x`;
export const row = (c: { claim: string; source: string }, area: CompareRow['area'], measured: string, verdict: VerdictKind, why: string): CompareRow => ({
  area,
  ...c,
  measured,
  verdict,
  why,
});
export const notMeasured = (c: { claim: string; source: string }, area: CompareRow['area'], why: string) => row(c, area, '-', 'not measured', why);
