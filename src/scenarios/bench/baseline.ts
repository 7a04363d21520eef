import type { BenchResult, ScenarioResult } from './types.js';

export interface Comparison {
  key: string;
  baseline: number;
  current: number;
  /** Positive: slower than the baseline, in percent. */
  regressionPct: number;
  regressed: boolean;
}

const keyOf = (r: ScenarioResult) =>
  `${r.scenario}${r.client ? `/client ${r.client.profile}` : ''}${r.mode ? `/${r.mode}` : ''}${r.concurrency ? `/c${r.concurrency}` : ''}`;

/** Compare jobs/s (and latency p99 where measured) with an earlier run; regressions beyond `maxRegressionPct` fail. */
export function compareWithBaseline(current: BenchResult, baseline: BenchResult, maxRegressionPct: number): Comparison[] {
  if (baseline.schemaVersion !== current.schemaVersion) {
    throw new Error(`baseline schemaVersion ${String(baseline.schemaVersion)} differs from ${String(current.schemaVersion)}`);
  }
  const out: Comparison[] = [];
  for (const r of current.results) {
    const b = baseline.results.find((x) => keyOf(x) === keyOf(r));
    if (!b) continue;
    const slower = ((b.median.jobsPerSec - r.median.jobsPerSec) / b.median.jobsPerSec) * 100;
    out.push(row(`${keyOf(r)} jobs/s`, b.median.jobsPerSec, r.median.jobsPerSec, slower, maxRegressionPct));
    const bl = b.median.latencyMs?.p99;
    const cl = r.median.latencyMs?.p99;
    if (bl && cl !== undefined) out.push(row(`${keyOf(r)} p99 ms`, bl, cl, ((cl - bl) / bl) * 100, maxRegressionPct));
  }
  return out;
}

function row(key: string, baseline: number, current: number, pct: number, max: number): Comparison {
  const regressionPct = Math.round(pct * 10) / 10;
  return { key, baseline, current, regressionPct, regressed: regressionPct > max };
}
