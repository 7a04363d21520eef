import { workerConnectionStatus } from '../../../connect/bullmq.js';
import type { TrialPlan } from '../trial/plan.js';
import type { TrialWorker, TrialWorkers } from '../workers.js';
import type { AddAccounting, FailoverMetrics, Verdict, WorkerResume } from '../types.js';
import { type Fault } from '../../faults/names.js';

/** The trial's verdict and the lines that explain it (and name the settings that would help). */
export function verdictOf(s: {
  fault: Fault;
  metrics: FailoverMetrics;
  adds: AddAccounting;
  healed: boolean;
  workers: TrialWorkers;
  plan: TrialPlan;
  /** `connections`: each worker's resumption. */
  resumes?: WorkerResume[];
}): { verdict: Verdict; notes: string[] } {
  const notes: string[] = [];
  let verdict: Verdict = 'ok';
  if (s.metrics.write_gap_ms === null) {
    verdict = 'writes-stuck';
    notes.push(`writes never recovered during the trial: the ${s.workers.all[0]?.profile ?? 'redis-arc'} producer connection did not reach a new master`);
  } else if (s.metrics.consume_gap_ms === null) {
    verdict = 'consumer-stuck';
    notes.push(`writes recovered at ${s.metrics.write_gap_ms} ms but the worker completed nothing afterwards: ${stuckConnection(trialWorker(s.workers))}`);
  }
  for (const r of s.resumes ?? []) {
    if (r.resumed) notes.push(`worker (${r.worker} connection settings) resumed ${r.resume_ms} ms after its connections were killed`);
    else {
      if (verdict === 'ok') verdict = 'consumer-stuck';
      notes.push(
        `worker (${r.worker} connection settings) completed nothing after its connections were killed: ${stuckConnection(trialWorker(s.workers, r.worker))}`,
      );
    }
  }
  if (!s.healed) {
    if (verdict === 'ok') verdict = 'not-healed';
    notes.push(`${s.plan.target.id} did not rejoin: the topology was not healthy again after healing`);
  }
  if (s.adds.lost > 0 && (s.fault === 'kill' || s.fault === 'pause' || s.fault === 'debug-sleep' || s.fault === 'command')) {
    notes.push(
      `${s.adds.lost} acknowledged add(s) lost: replication is asynchronous, so what the old master acknowledged and had not yet sent is gone. ` +
        'sentinel.minReplicasToWrite: 1 (min-replicas-to-write) or WAIT after adds shrink that window' +
        (s.fault === 'pause' ? '; clients with failoverDetector (redis-arc uses it) leave a hung master at +switch-master' : ''),
    );
  }
  if (s.adds.lost > 0 && s.fault === 'sentinel-failover') {
    notes.push(
      `${s.adds.lost} acknowledged add(s) lost in SENTINEL FAILOVER: Sentinel promotes the replica before it demotes the old master, ` +
        'which acknowledges writes until clients leave it at +switch-master; they are discarded when it resyncs. ' +
        'min-replicas-to-write does not close this window (measured: it refused writes for ~11 s after each failover and still lost some); ' +
        'give jobs ids and re-add what a switchover may have dropped',
    );
  }
  if (s.adds.lost > 0 && s.fault === 'cluster-failover') {
    notes.push(`${s.adds.lost} acknowledged add(s) lost in CLUSTER FAILOVER, which waits for the replica to catch up: this should not happen`);
  }
  if (s.adds.lost > 0 && (s.fault === 'cluster-failover-force' || s.fault === 'cluster-failover-takeover')) {
    notes.push(
      `${s.adds.lost} acknowledged add(s) lost in CLUSTER FAILOVER ${s.fault === 'cluster-failover-force' ? 'FORCE' : 'TAKEOVER'}, which does not wait for the replica to catch up with the master: what it had not received is gone`,
    );
  }
  if (s.adds.failedButPresent > 0) notes.push(`${s.adds.failedButPresent} add(s) reported failed exist anyway (the error came after the write applied)`);
  if (s.adds.reissued > 0) {
    notes.push(
      `${s.adds.reissued} job id(s) handed out twice by BullMQ: its id counter (<prefix>:<queue>:id) went back with the failover, and ${s.adds.overwritten} acknowledged job record(s) now hold another job's data. ` +
        'Give jobs ids of your own (jobId) so that a lost counter cannot overwrite them',
    );
  } else if (s.adds.overwritten > 0) notes.push(`${s.adds.overwritten} acknowledged job record(s) now hold another job's data`);
  if (s.adds.duplicated > 0) notes.push(`${s.adds.duplicated} job(s) ran twice: a job active on the old master was retried (stalled) after the failover`);
  return { verdict, notes };
}

/** The trial's first worker, or the one of `profile`: resumes and completions were measured on them, so it ran. */
function trialWorker(workers: TrialWorkers, profile?: string): TrialWorker {
  const w = profile === undefined ? workers.all[0] : workers.all.find((x) => x.profile === profile);
  if (!w) throw new Error(`verdict: no trial worker${profile === undefined ? '' : ` of profile ${profile}`}, yet its completions were measured`);
  return w;
}

/** The stuck worker's connections by name and state: its profile's connection (or BullMQ's own when the profile gave options) and the blocking one. */
export function stuckConnection(w: TrialWorker): string {
  const main = w.conn?.status ?? workerConnectionStatus(w.worker, 'connection') ?? 'unknown';
  const blocking = workerConnectionStatus(w.worker, 'blockingConnection');
  return `${w.profile} worker connection ${main}${blocking ? `, blocking connection ${blocking}` : ''} (running: ${w.worker.isRunning()})`;
}
