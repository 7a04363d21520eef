import { SCENARIOS, type BenchSettings } from './types.js';

/** What `bench` measures when no flag says otherwise. Cheap to import: --help shows it. */
export const DEFAULT_BENCH = {
  scenarios: [...SCENARIOS],
  mode: 'all' as const,
  settings: {
    jobs: 2000,
    inflight: 64,
    batch: 50,
    rate: 500,
    durationS: 5,
    runs: 3,
    payloadBytes: 100,
    /** Warm-up jobs before each measured run: at most this many, never more than `jobs`. */
    warmupJobs: 200,
    concurrencies: [1, 10, 100],
  } satisfies BenchSettings,
  /** With --baseline: a cell this much slower (percent) is a regression. */
  maxRegressionPct: 10,
};
