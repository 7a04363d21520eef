import type { DecisionRow, ScenarioResult } from './types.js';

/** The seed analysis' Performance stars (ARC-012's decision matrix), beside measured ratios. */
const PERFORMANCE_STARS = { direct: '★★★★', bus: '★★★★★', manager: '★★★' };

export function decisionMatrix(results: ScenarioResult[]): DecisionRow[] {
  const pick = (scenario: string, mode: string) => results.find((r) => r.scenario === scenario && r.mode === mode);
  const ratio = (scenario: string, mode: string, value: (r: ScenarioResult) => number | undefined) => {
    const base = pick(scenario, 'direct');
    const other = pick(scenario, mode);
    const a = base && value(base);
    const b = other && value(other);
    return a && b !== undefined ? Math.round((b / a) * 100) / 100 : null;
  };
  const rows: DecisionRow[] = [];
  for (const scenario of ['add', 'add-concurrent']) {
    if (!pick(scenario, 'direct')) continue;
    rows.push({
      criterion: `Performance: ${scenario === 'add' ? 'adds, 1 in flight' : 'adds, concurrent'}`,
      stars: PERFORMANCE_STARS,
      measured: { bus: ratio(scenario, 'bus', (r) => r.median.jobsPerSec), manager: ratio(scenario, 'manager', (r) => r.median.jobsPerSec) },
      basis:
        scenario === 'add'
          ? 'add jobs/s vs direct (the bus’s emit does not wait: up to 64 adds run behind it)'
          : `${scenario} jobs/s vs direct (higher is faster)`,
    });
  }
  if (pick('latency', 'direct')?.median.latencyMs) {
    rows.push({
      criterion: 'Performance: latency p99',
      stars: PERFORMANCE_STARS,
      measured: { bus: ratio('latency', 'bus', (r) => r.median.latencyMs?.p99), manager: ratio('latency', 'manager', (r) => r.median.latencyMs?.p99) },
      basis: 'end-to-end p99 vs direct (lower is faster)',
    });
  }
  return rows;
}
