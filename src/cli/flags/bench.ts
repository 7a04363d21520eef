import { EXIT } from '../../errors/exit-codes.js';
import { DEFAULT_BENCH as D } from '../../scenarios/bench/defaults.js';
import { SCENARIOS } from '../../scenarios/bench/types.js';
import { int, text } from './define.js';
import { ATTACH, clientFlags, forceFlag, MODES_AND_ALL, modeFlag, PREFIX, SPEC } from './shared.js';

const S = D.settings;

export const BENCH_FLAGS = {
  ...SPEC,
  /** A comma list; schemas/bench.ts checks the names. */
  scenario: text({ flags: '--scenario <names>', help: `comma list of ${SCENARIOS.join(', ')}`, default: D.scenarios.join(',') }),
  ...modeFlag('event-layer mode', MODES_AND_ALL, D.mode),
  jobs: int({ flags: '--jobs <n>', help: 'jobs per run (add, add-concurrent, add-bulk, process)', min: 10, max: 10_000_000, default: S.jobs }),
  inflight: int({ flags: '--inflight <n>', help: 'add-concurrent: adds in flight', min: 1, max: 10_000, default: S.inflight }),
  batch: int({ flags: '--batch <n>', help: 'add-bulk: jobs per addBulk', min: 1, max: 100_000, default: S.batch }),
  rate: int({ flags: '--rate <per-second>', help: 'latency: offered adds per second', min: 1, max: 100_000, default: S.rate }),
  duration: int({ flags: '--duration', unit: 'seconds', help: 'latency: how long to offer load', min: 1, max: 3600, default: S.durationS }),
  runs: int({
    flags: '--runs <n>',
    help: `measured runs per cell (median and spread are reported; a spread over ${D.maxSpreadPct}% is flagged)`,
    min: 1,
    max: 100,
    default: S.runs,
  }),
  payload: int({ flags: '--payload <bytes>', help: 'job data size', min: 10, max: 10_000_000, default: S.payloadBytes }),
  ...clientFlags(
    'measure these client profiles instead of the modes: defaults, bullmq-docs, redis-arc or your module (./src/redis.mjs), comma-separated (add, add-concurrent, process)',
  ),
  ...PREFIX,
  /** A file to write the result to (not stdout). */
  json: text({ flags: '--json <file>', help: 'write the full result (schemaVersion 1) to this file' }),
  report: text({ flags: '--report <file.html>', help: 'also write the HTML report: throughput, latency, decision matrix, baseline (opens offline)' }),
  ...forceFlag('replace the --json / --report file if it exists'),
  baseline: text({ flags: '--baseline <file>', help: 'compare with an earlier --json result' }),
  maxRegression: int({
    flags: '--max-regression <pct>',
    help: `with --baseline: exit ${EXIT.failed} when a cell is this much slower`,
    min: 0,
    max: 1000,
    default: D.maxRegressionPct,
  }),
  ...ATTACH,
};
