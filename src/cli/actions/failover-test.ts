import { EXIT } from '../../errors/index.js';
import type { Mode } from '../../events/producer.js';
import { defaultPrefix } from '../../connect/queue-prefix.js';
import { printFailover } from '../../report/failover.js';
import { toJUnit } from '../../report/junit.js';
import { claimOutputFile, writeOutputFile } from '../../report/output-file.js';
import { createProgress } from '../../report/progress.js';
import { runFailoverTest } from '../../scenarios/failover/index.js';
import type { Fault } from '../../scenarios/failover/types.js';
import { beforeStart, onInterrupt } from '../interrupt.js';
import type { RunningTopology } from '../../project/running.js';
import { withProjectLock } from '../locked.js';
import { openTopology } from '../target.js';

export async function runFailoverCommand(opts: Record<string, unknown>): Promise<number> {
  if (opts.junit) await claimOutputFile(String(opts.junit), '--junit', Boolean(opts.force));
  const topo = await beforeStart('failover-test', () => openTopology(opts, { runtime: true, bullmq: true }));
  // Attached: no runtime and no project folder to lock; faults go through Redis.
  if (!topo.project) return failoverTest(opts, topo);
  return withProjectLock(topo.project, 'failover-test', () => failoverTest(opts, topo));
}

async function failoverTest(opts: Record<string, unknown>, { target, runtime }: RunningTopology): Promise<number> {
  const progress = await createProgress({ quiet: Boolean(opts.json) });
  // First Ctrl-C: stop load, resume/restart the node hit, leave the topology running. Second: exit now.
  const interrupt = onInterrupt('healing the fault and stopping load', opts.json ? undefined : (m) => progress.step(m));
  const abort = { signal: interrupt.signal };
  try {
    const result = await runFailoverTest({
      target,
      runtime,
      fault: opts.faultCmd ? 'command' : (opts.fault as Fault),
      faultCmd: opts.faultCmd as string | undefined,
      healCmd: opts.healCmd as string | undefined,
      mode: opts.mode as Mode,
      rate: opts.rate as number,
      trials: opts.trials as number,
      node: opts.target as string | undefined,
      prefix: (opts.prefix as string | undefined) ?? defaultPrefix(target.kind),
      warmupMs: opts.warmup as number,
      settleMs: opts.settle as number,
      pauseMs: opts.pauseMs as number,
      maxRecoveryMs: opts.maxRecovery as number,
      healTimeoutMs: 60_000,
      thresholds: { maxWriteGapMs: opts.maxWriteGap as number | undefined, maxLost: opts.maxLost as number | undefined },
      signal: abort.signal,
      onProgress: (m) => progress.step(m),
    });
    if (abort.signal.aborted) {
      progress.fail('interrupted; the topology was left running');
      return EXIT.interrupted;
    }
    if (result.breaches.length) progress.fail(`${result.breaches.length} failure(s): ${result.breaches[0]}${result.breaches.length > 1 ? ', …' : ''}`);
    else progress.succeed(`${result.trials.length} trial(s) done`);
    if (opts.junit) await writeOutputFile(String(opts.junit), toJUnit(result), '--junit', Boolean(opts.force));
    if (opts.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    else printFailover(result);
    return result.breaches.length ? EXIT.failed : EXIT.ok;
  } catch (err) {
    if (abort.signal.aborted) {
      progress.fail('interrupted: load stopped, the node hit was resumed or restarted, the topology left running');
      return EXIT.interrupted;
    }
    progress.fail();
    throw err;
  } finally {
    interrupt.dispose();
  }
}
