import chalk from 'chalk';
import { defaultPrefix } from '../../connect/queue-prefix.js';
import { EXIT, InterruptedError } from '../../errors/index.js';
import { MODES } from '../../events/producer.js';
import { startTopology } from '../../project/start.js';
import { printFailover } from '../../report/failover.js';
import { createProgress, type Progress } from '../../report/progress.js';
import { printSmoke } from '../../report/smoke.js';
import { runFailoverTest } from '../../scenarios/failover/index.js';
import { runSmoke } from '../../scenarios/smoke/index.js';
import { onInterrupt } from '../interrupt.js';

const DEMO_PORTS = { sentinel: { portBase: 6390, sentinelPortBase: 26390 }, cluster: { portBase: 7100 } } as const;

/** The whole story in one command, in a temporary folder, leaving nothing running. */
export async function runDemo(opts: Record<string, unknown>): Promise<number> {
  const progress = await createProgress({ quiet: Boolean(opts.json) });
  // First Ctrl-C / SIGTERM: stop the step in progress, then stop and remove what the demo started. Second: exit now.
  const interrupt = onInterrupt(opts.keep ? 'stopping the demo' : 'stopping the demo and removing what it started', opts.json ? undefined : (m) => progress.step(m));
  try {
    return await demo(opts, progress, interrupt.signal);
  } catch (err) {
    // The topology has been disposed of by now (stopped and removed, unless --keep).
    if (!interrupt.signal.aborted) {
      progress.fail();
      throw err;
    }
    progress.fail(opts.keep ? 'interrupted; the topology was left running (--keep)' : 'interrupted: everything the demo started was stopped and its folder removed');
    return EXIT.interrupted;
  } finally {
    interrupt.dispose();
  }
}

async function demo(opts: Record<string, unknown>, progress: Progress, signal: AbortSignal): Promise<number> {
  const kind = opts.kind as 'sentinel' | 'cluster';
  const json = Boolean(opts.json);
  const log = (line: string) => !json && console.log(line);
  const ports = opts.portBase ? { portBase: opts.portBase as number } : DEMO_PORTS[kind];
  await using topo = await startTopology(kind, {
    ...ports,
    downAfterMs: kind === 'sentinel' ? 1000 : undefined,
    nodeTimeoutMs: kind === 'cluster' ? 1000 : undefined,
    dirPrefix: 'redis-arc-demo-',
    keep: Boolean(opts.keep),
    timeoutMs: 60_000,
    onInit: (project) => log(chalk.bold(`1. init ${kind} in ${project.dir}`)),
    onStep: (s) => progress.step(s.message),
    signal,
  });
  const { target, runtime, project, dir, booted } = topo;
  progress.succeed(`2. up: ${project.topology.nodes.length} nodes healthy in ${(booted.elapsedMs / 1000).toFixed(1)} s`);
  // Each step stops early once aborted; runDemo reports the interruption after disposal.
  const stopIfAborted = () => {
    if (signal.aborted) throw new InterruptedError();
  };

  const smoke = await runSmoke({ target, modes: [...MODES], jobs: 200, timeoutMs: 60_000, onProgress: (m) => progress.step(m), signal });
  stopIfAborted();
  progress[smoke.ok ? 'succeed' : 'fail'](`3. smoke: ${smoke.ok ? 'every job processed exactly once' : 'problems found'}`);
  if (!json) printSmoke(smoke);

  const failover = await runFailoverTest({
    target,
    runtime,
    fault: 'kill',
    mode: 'direct',
    rate: 100,
    trials: 1,
    prefix: defaultPrefix(kind),
    warmupMs: 2000,
    settleMs: 2000,
    pauseMs: 5000,
    maxRecoveryMs: 60_000,
    healTimeoutMs: 60_000,
    thresholds: {},
    signal,
    onProgress: (m) => progress.step(m),
  });
  stopIfAborted();
  progress.succeed('4. failover-test: SIGKILL of the master under 100 adds/s');
  if (!json) printFailover(failover);

  await topo[Symbol.asyncDispose]();
  progress.succeed(opts.keep ? `5. left running in ${dir}` : '5. down: everything stopped, folder removed');
  if (json) process.stdout.write(`${JSON.stringify({ kind, dir, bootMs: booted.elapsedMs, smoke, failover }, null, 2)}\n`);
  return smoke.ok && failover.breaches.length === 0 ? EXIT.ok : EXIT.failed;
}
