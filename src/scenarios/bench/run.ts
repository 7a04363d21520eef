import { closeConnection, connect } from '../../connect/connect.js';
import { InterruptedError } from '../../errors/index.js';
import { defaultPrefix } from '../../connect/queue-prefix.js';
import type { Mode } from '../../events/producer.js';
import type { Target } from '../../redis/target.js';
import { benchEnvironment, readEnvironment } from '../environment.js';
import { summarize } from '../failover/measure/metrics.js';
import { pingTarget, whileAnswering } from '../guard/liveness.js';
import { preflight } from '../guard/preflight.js';
import { BENCH_INTERRUPTED, type BenchContext } from './context.js';
import { medianByP50 } from './histogram.js';
import { decisionMatrix } from './matrix.js';
import { runAddBulk, runAdds, runLatency, runProcess } from './scenarios.js';
import { ownProfile } from '../../profiles/builtin.js';
import type { ClientProfile } from '../../profiles/types.js';
import type { BenchResult, BenchSettings, RunMeasurement, Scenario, ScenarioResult } from './types.js';
import { refuseMismatchedKinds } from '../../profiles/kind-check.js';

export interface BenchOptions {
  target: Target;
  scenarios: Scenario[];
  modes: Mode[];
  settings: BenchSettings;
  prefix?: string;
  onProgress?(message: string): void;
  /** Called with the runs (warm-ups included) finished so far, for a progress bar. */
  onAdvance?(done: number, total: number): void;
  /** Ctrl-C / SIGTERM: stop the run in progress where it is (its queue is removed as usual). */
  signal?: AbortSignal;
  /**
   * `--client`: measure these profiles' connections and BullMQ instead of the event-layer
   * modes, in the scenarios that have an application's counterpart (add, add-concurrent, process).
   */
  profiles?: ClientProfile[];
}

/** The scenarios `--client` measures. */
export const CLIENT_SCENARIOS: readonly Scenario[] = ['add', 'add-concurrent', 'process'];

/** One (scenario, mode, concurrency) cell: a warm-up run that is thrown away, then `runs` runs. */
type Cell = { scenario: Scenario; mode: Mode | null; concurrency?: number; client?: ClientProfile; run: (warmup: boolean) => Promise<RunMeasurement> };

export async function runBench(o: BenchOptions): Promise<BenchResult> {
  // A client whose connections cannot work on this kind of topology would stick: refused, as doctor --client names it.
  if (o.profiles?.length) await refuseMismatchedKinds(o.profiles, o.target.kind);
  await preflight(o.target, 'benchmark', o.signal);
  return whileAnswering(measure(o), pingTarget(o.target), { doing: 'bench', ...(o.signal && { signal: o.signal }) });
}

async function measure(o: BenchOptions): Promise<BenchResult> {
  const environment = benchEnvironment(await readEnvironment(o.target), o.target.kind);
  const ctx: BenchContext = {
    target: o.target,
    prefix: o.prefix ?? defaultPrefix(o.target.kind),
    settings: o.settings,
    producerConn: connect(o.target, 'producer'),
    workerConn: connect(o.target, 'worker'),
    ...(o.signal && { signal: o.signal }),
  };
  const s = o.settings;
  const jobs = (warmup: boolean) => (warmup ? s.warmupJobs : s.jobs);
  const cells: Cell[] = [];
  // `--client` names each cell's profile and measures the scenarios an application has, as it adds
  // (one mode: a bare queue.add is direct); without it redis-arc's profile runs every scenario in every mode.
  const plan = o.profiles
    ? { profiles: o.profiles, named: true, modes: ['direct'] as const, scenarios: o.scenarios.filter((x) => CLIENT_SCENARIOS.includes(x)) }
    : { profiles: [ownProfile()], named: false, modes: o.modes, scenarios: o.scenarios };
  for (const profile of plan.profiles) {
    const cell = { ...(plan.named && { client: profile }) };
    for (const scenario of plan.scenarios) {
      if (scenario === 'add') for (const mode of plan.modes) cells.push({ ...cell, scenario, mode, run: (w) => runAdds(ctx, profile, mode, jobs(w), 1) });
      if (scenario === 'add-concurrent')
        for (const mode of plan.modes) cells.push({ ...cell, scenario, mode, run: (w) => runAdds(ctx, profile, mode, jobs(w), s.inflight) });
      if (scenario === 'add-bulk') cells.push({ ...cell, scenario, mode: 'direct', run: (w) => runAddBulk(ctx, jobs(w), s.batch) });
      if (scenario === 'process')
        for (const c of s.concurrencies) cells.push({ ...cell, scenario, mode: null, concurrency: c, run: (w) => runProcess(ctx, profile, jobs(w), c) });
      if (scenario === 'latency') for (const mode of plan.modes) cells.push({ ...cell, scenario, mode, run: () => runLatency(ctx, profile, mode) });
    }
  }
  const total = cells.length * (s.runs + 1);
  let done = 0;
  const advance = () => o.onAdvance?.(++done, total);
  o.onAdvance?.(0, total);
  try {
    // Warm every cell up first, then take the runs round-robin across cells, so that a slow
    // moment of a shared machine falls on every mode alike instead of on one of them.
    for (const [i, cell] of cells.entries()) {
      stopIfAsked(o.signal);
      o.onProgress?.(`[${i + 1}/${cells.length}] ${label(cell)}: warm-up`);
      if (cell.scenario !== 'latency') await cell.run(true);
      advance();
    }
    const measured = cells.map((cell): { cell: Cell; runs: RunMeasurement[] } => ({ cell, runs: [] }));
    for (let r = 0; r < s.runs; r++) {
      for (const { cell, runs } of measured) {
        stopIfAsked(o.signal);
        o.onProgress?.(`run ${r + 1}/${s.runs}: ${label(cell)}`);
        runs.push(await cell.run(false));
        advance();
      }
    }
    const results = measured.map(({ cell, runs }) => cellResult(cell, runs));
    return {
      schemaVersion: 1,
      result: 'bench',
      environment,
      settings: s,
      results,
      decisionMatrix: decisionMatrix(results.filter((r) => !r.client)),
    };
  } finally {
    await Promise.all([closeConnection(ctx.producerConn), closeConnection(ctx.workerConn)]);
  }
}

function stopIfAsked(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new InterruptedError(BENCH_INTERRUPTED);
}

const label = (cell: Cell) =>
  `${cell.scenario}${cell.client ? ` client ${cell.client.name}` : cell.mode ? ` ${cell.mode}` : ''}${cell.concurrency ? ` c=${cell.concurrency}` : ''}`;

function cellResult(cell: Cell, runs: RunMeasurement[]): ScenarioResult {
  const rates = summarize(runs.map((r) => r.jobsPerSec));
  const median = rates.median ?? 0;
  const latencyMs = medianByP50(runs.flatMap((r) => (r.latencyMs ? [r.latencyMs] : [])));
  return {
    scenario: cell.scenario,
    mode: cell.mode,
    ...(cell.concurrency && { concurrency: cell.concurrency }),
    ...(cell.client && { client: { profile: cell.client.name, bullmq: cell.client.libs.versions.bullmq, ioredis: cell.client.libs.versions.ioredis } }),
    runs,
    median: { jobsPerSec: median, ...(latencyMs && { latencyMs }) },
    spreadPct: median ? Math.round((((rates.max ?? 0) - (rates.min ?? 0)) / median) * 1000) / 10 : 0,
  };
}
