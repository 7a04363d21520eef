import { describe, expect, it } from 'vitest';
import { compareWithBaseline } from '../../src/scenarios/bench/baseline.js';
import { latencyHistogram, percentilesMs, recordMs } from '../../src/scenarios/bench/histogram.js';
import { decisionMatrix } from '../../src/scenarios/bench/matrix.js';
import type { BenchResult, ScenarioResult } from '../../src/scenarios/bench/types.js';

const cell = (scenario: ScenarioResult['scenario'], mode: ScenarioResult['mode'], jobsPerSec: number, p99?: number): ScenarioResult => ({
  scenario,
  mode,
  runs: [],
  median: { jobsPerSec, ...(p99 !== undefined && { latencyMs: { p50: 1, p90: 2, p99, p999: p99, max: p99 } }) },
  spreadPct: 0,
});

const result = (results: ScenarioResult[]): BenchResult => ({
  schemaVersion: 1,
  result: 'bench',
  environment: { redisVersion: '7.0.15', topology: 'standalone', node: 'v20', bullmq: '6', ioredis: '6', cpus: 2, at: '' },
  settings: { jobs: 1, inflight: 1, batch: 1, rate: 1, durationS: 1, runs: 1, payloadBytes: 1, warmupJobs: 1, concurrencies: [1] },
  results,
  decisionMatrix: [],
});

describe('latency histogram', () => {
  it('reports the percentiles of a known input (1..1000 ms)', () => {
    const h = latencyHistogram();
    for (let ms = 1; ms <= 1000; ms++) recordMs(h, ms);
    const p = percentilesMs(h);
    // HdrHistogram with 3 significant digits: within 0.1%.
    expect(p.p50).toBeCloseTo(500, -0.3);
    expect(p.p90).toBeCloseTo(900, -0.3);
    expect(p.p99).toBeCloseTo(990, -0.3);
    expect(p.p999).toBeCloseTo(999, -0.3);
    expect(p.max).toBeCloseTo(1000, -0.3);
  });

  it('keeps sub-millisecond resolution', () => {
    const h = latencyHistogram();
    for (let i = 0; i < 100; i++) recordMs(h, 0.25);
    expect(percentilesMs(h).p50).toBe(0.25);
  });
});

describe('baseline comparison', () => {
  const baseline = result([cell('add', 'direct', 1000), cell('latency', 'direct', 500, 10)]);

  it('passes a run as fast as the baseline, or slower within the limit', () => {
    const rows = compareWithBaseline(result([cell('add', 'direct', 950), cell('latency', 'direct', 500, 10.5)]), baseline, 10);
    expect(rows.map((r) => [r.key, r.regressionPct, r.regressed])).toEqual([
      ['add/direct jobs/s', 5, false],
      ['latency/direct jobs/s', 0, false],
      ['latency/direct p99 ms', 5, false],
    ]);
  });

  it('fails a cell slower than allowed, naming it, in throughput and in latency', () => {
    const rows = compareWithBaseline(result([cell('add', 'direct', 800), cell('latency', 'direct', 500, 20)]), baseline, 10);
    expect(rows.filter((r) => r.regressed).map((r) => r.key)).toEqual(['add/direct jobs/s', 'latency/direct p99 ms']);
  });

  it('refuses a baseline of another schema version', () => {
    expect(() => compareWithBaseline(result([]), { ...baseline, schemaVersion: 2 as 1 }, 10)).toThrow(/schemaVersion/);
  });
});

describe('decision matrix', () => {
  it('puts measured ratios to direct beside the seed’s stars', () => {
    const rows = decisionMatrix([cell('add-concurrent', 'direct', 1000), cell('add-concurrent', 'bus', 950), cell('add-concurrent', 'manager', 900)]);
    expect(rows).toEqual([
      expect.objectContaining({
        criterion: 'Performance: adds, concurrent',
        stars: { direct: '★★★★', bus: '★★★★★', manager: '★★★' },
        measured: { bus: 0.95, manager: 0.9 },
      }),
    ]);
  });
});

describe('the spread warning', () => {
  it('names how many cells spread too widely to compare, and the widest', async () => {
    const { spreadWarning } = await import('../../src/report/bench.js');
    const quiet = result([cell('add', 'direct', 1000), cell('add', 'bus', 1200)]);
    expect(spreadWarning(quiet, 10)).toBeUndefined();
    const noisy = result([{ ...cell('add', 'direct', 1000), spreadPct: 37 }, { ...cell('add', 'bus', 1200), spreadPct: 12 }, cell('add', 'manager', 900)]);
    expect(spreadWarning(noisy, 10)).toMatch(
      /^warning: jobs\/s spread more than 10% between runs in 2 of 3 cell\(s\) \(widest: add\/direct 37%\): a difference smaller than the spread is noise/,
    );
  });
});
