import { SCENARIOS, type BenchSettings } from './types.js';

/** What `bench` measures when no flag says otherwise. Cheap to import: --help shows it. */
export const DEFAULT_BENCH = {
  scenarios: [...SCENARIOS],
  mode: 'all' as const,
  settings: {
    // 2,000 jobs x 3 runs took about a second per cell and spread 15-37% between runs here; longer
    // runs and a median of five absorb more scheduling noise (bench/results/2026-11-29-bench-defaults-spread.json).
    jobs: 5000,
    inflight: 64,
    batch: 50,
    rate: 500,
    durationS: 5,
    runs: 5,
    payloadBytes: 100,
    /** Warm-up jobs before each measured run: at most this many, never more than `jobs`. */
    warmupJobs: 200,
    concurrencies: [1, 10, 100],
  } satisfies BenchSettings,
  /** With --baseline: a cell this much slower (percent) is a regression. */
  maxRegressionPct: 10,
  /** A cell whose jobs/s spread (max − min over median of its runs) is wider is flagged: its differences are noise. */
  maxSpreadPct: 10,
};
