import { readFile } from 'node:fs/promises';
import { ArcError, EXIT, UsageError } from '../../errors/index.js';
import { MODES, type Mode } from '../../events/producer.js';
import { printBench, printComparison } from '../../report/bench.js';
import { claimOutputFile, writeOutputFile } from '../../report/output-file.js';
import { createProgress } from '../../report/progress.js';
import { compareWithBaseline } from '../../scenarios/bench/baseline.js';
import { runBench } from '../../scenarios/bench/run.js';
import { SCENARIOS, type BenchResult, type Scenario } from '../../scenarios/bench/types.js';
import { beforeStart, onInterrupt } from '../interrupt.js';
import { openTopology } from '../target.js';

export async function runBenchCommand(opts: Record<string, unknown>): Promise<number> {
  const scenarios = String(opts.scenario).split(',').map((s) => s.trim()) as Scenario[];
  const unknown = scenarios.filter((s) => !SCENARIOS.includes(s));
  if (unknown.length) throw new UsageError(`--scenario ${unknown.join(',')}: expected some of ${SCENARIOS.join(', ')}`);
  // Read the baseline first: a bad file should fail before minutes of measuring.
  const baseline = opts.baseline ? await readBaseline(String(opts.baseline)) : undefined;
  if (opts.json) await claimOutputFile(String(opts.json), '--json', Boolean(opts.force));
  const { target } = await beforeStart('bench', () => openTopology(opts, { bullmq: true }));
  const progress = await createProgress();
  const interrupt = onInterrupt('finishing the run in progress, then removing its queue', (m) => progress.step(m));
  const result = await runBench({
    signal: interrupt.signal,
    target,
    scenarios,
    modes: opts.mode === 'all' ? [...MODES] : [opts.mode as Mode],
    prefix: opts.prefix as string | undefined,
    settings: {
      jobs: opts.jobs as number,
      inflight: opts.inflight as number,
      batch: opts.batch as number,
      rate: opts.rate as number,
      durationS: opts.duration as number,
      runs: opts.runs as number,
      payloadBytes: opts.payload as number,
      warmupJobs: Math.min(200, opts.jobs as number),
      concurrencies: [1, 10, 100],
    },
    onProgress: (m) => progress.step(m),
  })
    .catch((err: unknown) => {
      progress.fail();
      throw err;
    })
    .finally(() => interrupt.dispose());
  progress.succeed(`${result.results.length} cell(s) measured`);
  if (opts.json) await writeOutputFile(String(opts.json), `${JSON.stringify(result, null, 2)}\n`, '--json', Boolean(opts.force));
  printBench(result);
  if (!baseline) return EXIT.ok;
  const rows = compareWithBaseline(result, baseline, opts.maxRegression as number);
  printComparison(rows, opts.maxRegression as number);
  return rows.some((r) => r.regressed) ? EXIT.failed : EXIT.ok;
}

async function readBaseline(file: string): Promise<BenchResult> {
  let parsed: BenchResult;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8')) as BenchResult;
  } catch (err) {
    throw new ArcError(`--baseline ${file}: cannot read it as bench JSON (${(err as Error).message.split('\n')[0]})`);
  }
  if (parsed.schemaVersion !== 1 || !Array.isArray(parsed.results)) throw new ArcError(`--baseline ${file}: not a redis-arc bench result (schemaVersion 1)`);
  return parsed;
}
