import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import chalk from 'chalk';
import { defaultPrefix } from '../../connect/queue-prefix.js';
import { EXIT } from '../../errors/index.js';
import { MODES } from '../../events/producer.js';
import { initProject } from '../../project/init.js';
import { projectTarget } from '../../security/project.js';
import { printFailover } from '../../report/failover.js';
import { createProgress } from '../../report/progress.js';
import { printSmoke } from '../../report/smoke.js';
import { boot } from '../../runtime/boot.js';
import type { Runtime } from '../../runtime/runtime.js';
import { projectPassword, selectRuntime } from '../../runtime/select.js';
import { runFailoverTest } from '../../scenarios/failover/index.js';
import { runSmoke } from '../../scenarios/smoke/index.js';

const DEMO_PORTS = { sentinel: { portBase: 6390, sentinelPortBase: 26390 }, cluster: { portBase: 7100 } } as const;

/** The whole story in one command, in a temporary folder, leaving nothing running. */
export async function runDemo(opts: Record<string, unknown>): Promise<number> {
  const kind = opts.kind as 'sentinel' | 'cluster';
  const json = Boolean(opts.json);
  const log = (line: string) => !json && console.log(line);
  const progress = await createProgress({ quiet: json });
  const dir = await mkdtemp(join(tmpdir(), 'redis-arc-demo-'));
  let runtime: Runtime | undefined;
  const teardown = async () => {
    if (opts.keep) return;
    await runtime?.stop({ purge: true }).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  };
  const onSigint = () => void teardown().finally(() => process.exit(EXIT.interrupted));
  process.once('SIGINT', onSigint);
  try {
    const ports = opts.portBase ? { portBase: opts.portBase as number } : DEMO_PORTS[kind];
    const { project } = await initProject(kind, { dir, ...ports, downAfterMs: kind === 'sentinel' ? 1000 : undefined, nodeTimeoutMs: kind === 'cluster' ? 1000 : undefined });
    log(chalk.bold(`1. init ${kind} in ${dir}`));
    runtime = await selectRuntime(project, 'local');
    const password = await projectPassword(project);
    const booted = await boot(runtime, password, { timeoutMs: 60_000, onStep: (s) => progress.step(s.message) });
    progress.succeed(`2. up: ${project.topology.nodes.length} nodes healthy in ${(booted.elapsedMs / 1000).toFixed(1)} s`);

    const target = await projectTarget(project);
    const smoke = await runSmoke({ target, modes: [...MODES], jobs: 200, timeoutMs: 60_000, onProgress: (m) => progress.step(m) });
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
      onProgress: (m) => progress.step(m),
    });
    progress.succeed('4. failover-test: SIGKILL of the master under 100 adds/s');
    if (!json) printFailover(failover);

    await teardown();
    progress.succeed(opts.keep ? `5. left running in ${dir}` : '5. down: everything stopped, folder removed');
    if (json) process.stdout.write(`${JSON.stringify({ kind, dir, bootMs: booted.elapsedMs, smoke, failover }, null, 2)}\n`);
    return smoke.ok && failover.breaches.length === 0 ? EXIT.ok : EXIT.failed;
  } catch (err) {
    progress.fail();
    await teardown();
    throw err;
  } finally {
    process.off('SIGINT', onSigint);
  }
}
