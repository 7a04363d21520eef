import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import chalk from 'chalk';
import { printable } from '../../errors/printable.js';
import { failoverHtml } from '../../report/html/index.js';
import { claimOutputFile, writeOutputFile } from '../../report/output-file.js';
import type { FailoverResult } from '../../scenarios/failover/types.js';
import { EXIT, InterruptedError } from '../../errors/index.js';
import { MODES } from '../../events/producer.js';
import { startTopology } from '../../project/start.js';
import { emit } from '../../report/emit.js';
import { printFailover } from '../../report/failover.js';
import { createProgress, type Progress } from '../../report/progress.js';
import { printSmoke } from '../../report/smoke.js';
import { DEFAULT_BOOT_TIMEOUT_MS } from '../../runtime/defaults.js';
import { DEFAULT_FAILOVER } from '../../scenarios/failover/defaults.js';
import { runFailoverTest } from '../../scenarios/failover/index.js';
import { DEFAULT_SMOKE } from '../../scenarios/smoke/defaults.js';
import { runSmoke } from '../../scenarios/smoke/index.js';
import { DEFAULT_DEMO } from '../demo-defaults.js';
import { onInterrupt } from '../interrupt.js';
import { demoOptions, type DemoOptions } from '../schemas/demo.js';
import { parseOptions } from '../schemas/parse.js';

/** The whole story in one command, in a temporary folder, leaving nothing running. */
export async function runDemo(raw: unknown): Promise<number> {
  const opts = parseOptions(demoOptions, raw);
  if (opts.report) await claimOutputFile(opts.report, '--report', opts.force);
  const progress = await createProgress({ quiet: opts.json });
  // First Ctrl-C / SIGTERM: stop the step in progress, then stop and remove what the demo started. Second: exit now.
  const interrupt = onInterrupt(
    opts.keep ? 'stopping the demo' : 'stopping the demo and removing what it started',
    opts.json ? undefined : (m) => progress.step(m),
  );
  try {
    return await demo(opts, progress, interrupt.signal);
  } catch (err) {
    // The topology has been disposed of by now (stopped and removed, unless --keep).
    if (!interrupt.signal.aborted) {
      progress.fail();
      throw err;
    }
    progress.fail(
      opts.keep ? 'interrupted; the topology was left running (--keep)' : 'interrupted: everything the demo started was stopped and its folder removed',
    );
    return EXIT.interrupted;
  } finally {
    interrupt.dispose();
  }
}

async function demo(opts: DemoOptions, progress: Progress, signal: AbortSignal): Promise<number> {
  const { kind, json } = opts;
  const log = (line: string) => !json && console.log(line);
  const ports = opts.portBase ? { portBase: opts.portBase } : DEFAULT_DEMO.ports[kind];
  const detect = kind === 'sentinel' ? { downAfterMs: DEFAULT_DEMO.detectMs } : { nodeTimeoutMs: DEFAULT_DEMO.detectMs };
  await using topo = await startTopology(kind, {
    ...ports,
    ...detect,
    dirPrefix: 'redis-arc-demo-',
    keep: opts.keep,
    timeoutMs: DEFAULT_BOOT_TIMEOUT_MS,
    onInit: (project) => log(chalk.bold(`1. init ${kind} in ${project.dir}`)),
    onStep: (s) => progress.step(s.message),
    signal,
  });
  const { target, project, dir, booted } = topo;
  progress.succeed(`2. up: ${project.topology.nodes.length} nodes healthy in ${(booted.elapsedMs / 1000).toFixed(1)} s`);
  // Each step stops early once aborted; runDemo reports the interruption after disposal.
  const stopIfAborted = () => {
    if (signal.aborted) throw new InterruptedError();
  };

  const smoke = await runSmoke({
    target,
    modes: [...MODES],
    jobs: DEFAULT_SMOKE.jobs,
    timeoutMs: DEFAULT_SMOKE.timeoutMs,
    onProgress: (m) => progress.step(m),
    signal,
  });
  stopIfAborted();
  progress[smoke.ok ? 'succeed' : 'fail'](`3. smoke: ${smoke.ok ? 'every job processed exactly once' : 'problems found'}`);
  if (!json) printSmoke(smoke);

  // Exactly what `redis-arc failover-test` does by default.
  const failover = await runFailoverTest({ ...DEFAULT_FAILOVER, topology: topo, thresholds: {}, signal, onProgress: (m) => progress.step(m) });
  stopIfAborted();
  progress.succeed(
    `4. failover-test: ${DEFAULT_FAILOVER.fault === 'kill' ? 'SIGKILL of the master' : DEFAULT_FAILOVER.fault} under ${DEFAULT_FAILOVER.rate} adds/s`,
  );
  if (!json) printFailover(failover);
  const report = await writeReport(failover, opts);
  log(`\nThe failover as a page (charts, accounting; opens offline): ${chalk.bold(printable(report))}`);

  await topo[Symbol.asyncDispose]();
  progress.succeed(opts.keep ? `5. left running in ${dir}` : '5. down: everything stopped, folder removed');
  // The text was printed step by step above.
  emit({ kind, dir, bootMs: booted.elapsedMs, smoke, failover, report }, { json, print: () => undefined });
  return smoke.ok && failover.breaches.length === 0 ? EXIT.ok : EXIT.failed;
}

/** The failover's HTML report: where --report says, else a new folder of its own in the temp folder (nothing of the user's is touched). */
async function writeReport(failover: FailoverResult, opts: DemoOptions): Promise<string> {
  if (opts.report) {
    const file = resolve(opts.report);
    await writeOutputFile(file, failoverHtml(failover), '--report', opts.force);
    return file;
  }
  const folder = await mkdtemp(join(tmpdir(), 'redis-arc-demo-report-'));
  const file = join(folder, 'failover.html');
  // The folder exists only to hold the report: a report that cannot be written takes it along.
  await writeOutputFile(file, failoverHtml(failover), '--report', opts.force).catch(async (err: unknown) => {
    await rm(folder, { recursive: true, force: true });
    throw err;
  });
  return file;
}
