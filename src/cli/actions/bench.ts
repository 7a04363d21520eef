import { ArcError, EXIT, UsageError } from '../../errors/index.js';
import { fsReason, isFsError, readUserFile } from '../../errors/fs-error.js';
import { MODES } from '../../events/producer.js';
import { printBench, printComparison } from '../../report/bench.js';
import { claimOutputFile } from '../../report/output-file.js';
import { createProgress } from '../../report/progress.js';
import { compareWithBaseline } from '../../scenarios/bench/baseline.js';
import { DEFAULT_BENCH } from '../../scenarios/bench/defaults.js';
import { CLIENT_SCENARIOS, runBench } from '../../scenarios/bench/run.js';
import { resolveProfiles } from '../../profiles/resolve.js';
import type { BenchResult } from '../../scenarios/bench/types.js';
import { readResult } from '../../scenarios/results/read.js';
import { beforeStart, onInterrupt } from '../interrupt.js';
import { benchOptions } from '../schemas/bench.js';
import { parseOptions } from '../schemas/parse.js';
import { openTopology } from '../target.js';
import { writeOutputFiles } from '../outputs.js';
import { errorLine } from '../../errors/thrown.js';
import { rememberTopologySecrets } from '../known-secrets.js';

export async function runBenchCommand(raw: unknown): Promise<number> {
  const opts = parseOptions(benchOptions, raw);
  // Read the baseline first: a bad file should fail before minutes of measuring.
  const baseline = opts.baseline ? await readBaseline(opts.baseline) : undefined;
  if (opts.json) await claimOutputFile(opts.json, '--json', opts.force);
  // Modules run before the topology is opened: an error quoting its password is masked.
  if (opts.client) await rememberTopologySecrets(opts);
  const profiles = opts.client ? await resolveProfiles(opts.client, { ...(opts.appDir && { appDir: opts.appDir }) }) : undefined;
  if (profiles && !opts.scenario.some((s) => CLIENT_SCENARIOS.includes(s)))
    throw new UsageError(`--client measures ${CLIENT_SCENARIOS.join(', ')}: --scenario names none of them`);
  if (opts.report) await claimOutputFile(opts.report, '--report', opts.force);
  const { target } = await beforeStart('bench', () => openTopology(opts, { bullmq: true }));
  const progress = await createProgress();
  const interrupt = onInterrupt('stopping the run in progress and removing its queue', (m) => progress.step(m));
  const result = await runBench({
    signal: interrupt.signal,
    target,
    scenarios: opts.scenario,
    modes: opts.mode === 'all' ? [...MODES] : [opts.mode],
    prefix: opts.prefix,
    ...(profiles && { profiles }),
    settings: {
      ...DEFAULT_BENCH.settings,
      jobs: opts.jobs,
      inflight: opts.inflight,
      batch: opts.batch,
      rate: opts.rate,
      durationS: opts.duration,
      runs: opts.runs,
      payloadBytes: opts.payload,
      warmupJobs: Math.min(DEFAULT_BENCH.settings.warmupJobs, opts.jobs),
    },
    onProgress: (m) => progress.step(m),
    onAdvance: (done, total) => progress.advance(done, total, 'runs'),
  })
    .catch((err: unknown) => {
      progress.fail();
      throw err;
    })
    .finally(() => interrupt.dispose());
  progress.succeed(`${result.results.length} cell(s) measured`);
  // The result first: a file that cannot be written must not lose the measurement.
  printBench(result);
  const rows = baseline ? compareWithBaseline(result, baseline, opts.maxRegression) : undefined;
  if (rows) printComparison(rows, opts.maxRegression);
  const { benchHtml } = opts.report ? await import('../../report/html/index.js') : { benchHtml: undefined };
  const files = await writeOutputFiles(
    [
      ...(opts.json ? [{ flag: '--json', file: opts.json, content: () => `${JSON.stringify(result, null, 2)}\n` }] : []),
      ...(opts.report && benchHtml
        ? [{ flag: '--report', file: opts.report, content: () => benchHtml(result, rows && { rows, maxRegressionPct: opts.maxRegression }), announce: true }]
        : []),
    ],
    opts.force,
  );
  return rows?.some((r) => r.regressed) ? EXIT.failed : files;
}

async function readBaseline(file: string): Promise<BenchResult> {
  let parsed: unknown;
  try {
    parsed = JSON.parse((await readUserFile(file)).toString('utf8'));
  } catch (err) {
    if (isFsError(err)) throw new ArcError(`--baseline ${file}: cannot read it: ${fsReason(err.code, file)}`);
    throw new ArcError(`--baseline ${file}: cannot read it as bench JSON (${errorLine(err)})`);
  }
  // `null` and `[]` are valid JSON too: one line, exit 1, for anything that is not a bench result.
  return readResult(parsed, `--baseline ${file}`, 'bench');
}
