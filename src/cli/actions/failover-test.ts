import { EXIT, InterruptedError } from '../../errors/index.js';
import { emit } from '../../report/emit.js';
import { printFailover } from '../../report/failover.js';
import { toJUnit } from '../../report/junit.js';
import { claimOutputFile } from '../../report/output-file.js';
import { createProgress } from '../../report/progress.js';
import { DEFAULT_FAILOVER } from '../../scenarios/failover/defaults.js';
import { runFailoverTest } from '../../scenarios/failover/index.js';
import { resolveProfiles } from '../../profiles/resolve.js';
import { resolveWorkloads } from '../../scenarios/workloads/resolve.js';
import type { Workload } from '../../scenarios/workloads/types.js';
import type { ClientProfile } from '../../profiles/types.js';
import { beforeStart, onInterrupt } from '../interrupt.js';
import type { RunningTopology } from '../../project/running.js';
import { withProjectLock } from '../locked.js';
import { failoverTestOptions, type FailoverTestOptions } from '../schemas/failover-test.js';
import { parseOptions } from '../schemas/parse.js';
import { openTopology } from '../target.js';
import { rememberTopologySecrets } from '../known-secrets.js';
import { defaultPrefix } from '../../connect/queue-prefix.js';
import { describeRuns, removeDeadFailoverRuns } from '../../scenarios/leftover-queues.js';
import { writeOutputFiles } from '../outputs.js';

export async function runFailoverCommand(raw: unknown): Promise<number> {
  const opts = parseOptions(failoverTestOptions, raw);
  if (opts.junit) await claimOutputFile(opts.junit, '--junit', opts.force);
  // Modules run before the topology is opened: an error quoting its password is masked.
  if (opts.client || opts.workload) await rememberTopologySecrets(opts);
  // A client module that is missing or throws is one line before anything connects.
  const profiles = opts.client ? await resolveProfiles(opts.client, { ...(opts.appDir && { appDir: opts.appDir }) }) : undefined;
  const workloads = opts.workload ? await resolveWorkloads(opts.workload) : undefined;
  if (opts.report) await claimOutputFile(opts.report, '--report', opts.force);
  const topo = await beforeStart('failover-test', () => openTopology(opts, { runtime: true, bullmq: true }));
  // Attached: no runtime and no project folder to lock; faults go through Redis.
  if (!topo.project) return failoverTest(opts, topo, profiles, workloads);
  return withProjectLock(topo.project, 'failover-test', () => failoverTest(opts, topo, profiles, workloads));
}

async function failoverTest(opts: FailoverTestOptions, topology: RunningTopology, profiles?: ClientProfile[], workloads?: Workload[]): Promise<number> {
  const progress = await createProgress({ quiet: opts.json });
  // First Ctrl-C: stop load, resume/restart the node hit, leave the topology running. Second: exit now.
  const interrupt = onInterrupt('healing the fault and stopping load', opts.json ? undefined : (m) => progress.step(m));
  const abort = { signal: interrupt.signal };
  try {
    // Under the project lock: what a killed failover-test of this project left goes first. Only
    // where the topology answers: on one that does not, the trial's own check says so in its words.
    if (topology.project) {
      const left = await removeDeadFailoverRuns(topology.target, opts.prefix ?? defaultPrefix(topology.target.kind)).catch(() => undefined);
      if (left?.runs.length)
        progress.step(
          `removed ${left.removed} queue key(s) left by ${left.runs.length} failover-test run(s) killed before their cleanup: ${describeRuns(left.runs)}`,
        );
    }
    const result = await runFailoverTest({
      topology,
      fault: opts.faultCmd ? 'command' : opts.partition !== undefined ? 'partition' : opts.fault,
      ...(opts.partition !== undefined && { partition: opts.partition }),
      faultCmd: opts.faultCmd,
      healCmd: opts.healCmd,
      mode: opts.mode,
      rate: opts.rate,
      trials: opts.trials,
      node: opts.target,
      prefix: opts.prefix,
      warmupMs: opts.warmupMs,
      settleMs: opts.settleMs,
      pauseMs: opts.faultMs,
      maxRecoveryMs: opts.maxRecoveryMs,
      healTimeoutMs: DEFAULT_FAILOVER.healTimeoutMs,
      thresholds: { maxWriteGapMs: opts.maxWriteGapMs, maxLost: opts.maxLost },
      ...(profiles && { profiles }),
      ...(workloads?.length && { workloads, workloadSettings: { longMs: opts.longMs } }),
      signal: abort.signal,
      onProgress: (m) => progress.step(m),
      onAdvance: (done, total) => progress.advance(done, total, 'trials'),
    });
    if (abort.signal.aborted) {
      progress.fail('interrupted; the topology was left running');
      return EXIT.interrupted;
    }
    if (result.breaches.length) progress.fail(`${result.breaches.length} failure(s): ${result.breaches[0]}${result.breaches.length > 1 ? ', …' : ''}`);
    else progress.succeed(`${result.trials.length} trial(s) done`);
    // The result first: a file that cannot be written must not lose the measurement.
    emit(result, { json: opts.json, print: printFailover });
    const { failoverHtml } = opts.report ? await import('../../report/html/index.js') : { failoverHtml: undefined };
    const files = await writeOutputFiles(
      [
        ...(opts.junit ? [{ flag: '--junit', file: opts.junit, content: () => toJUnit(result) }] : []),
        ...(opts.report && failoverHtml ? [{ flag: '--report', file: opts.report, content: () => failoverHtml(result), announce: true }] : []),
      ],
      opts.force,
    );
    return result.breaches.length ? EXIT.failed : files;
  } catch (err) {
    if (abort.signal.aborted) {
      // A --fault-cmd interrupted says itself how its heal went; the general line would claim a heal that may have failed.
      const own = err instanceof InterruptedError && err.message !== new InterruptedError().message;
      progress.fail(own ? err.message : 'interrupted: load stopped, the fault healed (node resumed or restarted, network restored), the topology left running');
      return EXIT.interrupted;
    }
    progress.fail();
    throw err;
  } finally {
    interrupt.dispose();
  }
}
