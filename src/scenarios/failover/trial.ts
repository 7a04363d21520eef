import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import { closeConnection, connect, type Connection } from '../../connect/connect.js';
import { PRODUCER_COMMAND_TIMEOUT_MS } from '../../connect/roles.js';
import { EventBus } from '../../events/bus.js';
import { createProducer } from '../../events/index.js';
import type { EventProducer, Mode } from '../../events/producer.js';
import { checkHealth } from '../../probe/health.js';
import { waitUntilHealthy } from '../../probe/wait.js';
import type { Target } from '../../redis/target.js';
import type { Runtime } from '../../runtime/runtime.js';
import { account } from './accounting.js';
import { ackSource } from './ack-source.js';
import { addressesFrom } from '../../probe/addresses.js';
import { parseEndpoint } from '../../redis/endpoint.js';
import { splitBrainNotes } from './split-brain.js';
import { tiltNotes } from './sentinel-tilt.js';
import { InterruptedError, UnreachableError } from '../../errors/index.js';
import { CannotRunError, faultOf, inject, type InjectedFault } from '../faults/index.js';
import { FixedRateLoad } from './load.js';
import { markerOf, startWorkers, type TrialWorkers } from './workers.js';
import { ProfileProducer } from './profile-producer.js';
import { builtinProfile } from './profiles/builtin.js';
import { ownLibs } from './profiles/libs.js';
import type { ClientProfile } from './profiles/types.js';
import { bucketize, computeMetrics } from './metrics.js';
import { observed, relativeTo, type RawEvent, type Watcher } from '../watch/raw-event.js';
import { waitForRecovery, waitUntilDrained } from './recovery.js';
import { planTrial } from './resolve-target.js';
import type { Completions } from './records.js';
import type { Fault, TrialResult } from './types.js';
import { verdictOf } from './verdict.js';
import { watchCluster } from '../watch/watch-cluster.js';
import { watchSentinels } from '../watch/watch-sentinel.js';

export interface TrialOptions {
  target: Target;
  runtime?: Runtime;
  fault: Fault;
  mode: Mode;
  rate: number;
  prefix: string;
  node?: string;
  warmupMs: number;
  settleMs: number;
  pauseMs: number;
  /** Give up waiting for promotion and recovery after this long (from t0). */
  maxRecoveryMs: number;
  healTimeoutMs: number;
  /** `command` fault: the user's shell commands (placeholders {node} {host} {port} {role}). */
  faultCmd?: string;
  healCmd?: string;
  /** `--partition 'a,b|c,d'`: the sides of a partition fault. */
  partition?: string;
  signal?: AbortSignal;
  /** Whose connections and BullMQ the trial runs (src/scenarios/failover/profiles); redis-arc's when absent. */
  profile?: ClientProfile;
  /** Several profiles side by side: progress lines name the profile. */
  profileInProgress?: boolean;
  onProgress?(message: string): void;
  /** Tests only: called with every acknowledged add (its job id), and the queue it went to (on redis-arc's connection). */
  onAck?(id: string, queue: { name: string; prefix: string; connection: Connection }): void;
}

/** One trial: load, fault at t0, watch, recover, heal, read every id back. */
export async function runTrial(n: number, o: TrialOptions): Promise<TrialResult> {
  const say = (m: string) => o.onProgress?.(`trial ${n}${o.profileInProgress && o.profile ? ` (${o.profile.name})` : ''}: ${m}`);
  const health = await checkHealth(o.target);
  if (health.verdict !== 'healthy') {
    const message = `the topology is ${health.verdict}, not healthy: ${health.problems[0] ?? ''}; run \`redis-arc status\``;
    // Down is exit 3, as for status and the other scenarios; degraded is a topology this test cannot start on (4).
    throw health.verdict === 'down' ? new UnreachableError(message) : new CannotRunError(message);
  }
  const plan = await planTrial(o.target, health, { runtime: o.runtime, node: o.node, prefix: o.prefix });
  const queueName = `redis-arc-failover-${randomBytes(4).toString('hex')}`;
  const events: RawEvent[] = [];
  const completions: Completions = new Map();
  let lastCompletionAt: number | undefined;
  // A hung add ends after a second as indeterminate instead of holding the trial.
  const producerConn = connect(o.target, 'producer', { commandTimeoutMs: PRODUCER_COMMAND_TIMEOUT_MS });
  const watchers: Watcher[] = [];
  const profile = o.profile ?? builtinProfile('redis-arc', ownLibs());
  let fault: InjectedFault | undefined;
  let workers: TrialWorkers | undefined;
  let load: FixedRateLoad | undefined;
  let producer: EventProducer | undefined;
  try {
    const toolQueue = { name: queueName, prefix: o.prefix, connection: producerConn };
    // Which node acknowledged an add: the connection the profile's adds go through (redis-arc's: producerConn).
    let ackVia: Connection | undefined = producerConn;
    const acked = (marker: string, jobId: string) => {
      load?.acked(marker, jobId, ackVia && ackSource(ackVia, o.prefix));
      o.onAck?.(jobId, toolQueue);
    };
    if (profile.native) {
      producer = createProducer(o.mode, {
        connection: producerConn,
        prefix: o.prefix,
        topologyKind: o.target.kind,
        routes: { 'content.save.requested': [{ queueName, jobName: 'fetch-content', jobOptions: { attempts: 3 } }], 'content.processing.completed': [] },
        observer: { acked: (id) => acked(id, id), failed: (id, _type, err) => load?.failed(id, err) },
      });
    } else {
      ackVia = undefined;
      const own = await profileProducer(profile, o.target, queueName, o.prefix, { acked, failed: (id, err) => load?.failed(id, err) });
      producer = own.producer;
      void own.client.then((c) => (ackVia = c)).catch(() => undefined);
    }
    load = new FixedRateLoad(producer, { rate: o.rate, idPrefix: `${queueName}-${n}` });
    // `connections` also runs a worker on the defaults profile: does a worker as most users configure it resume?
    const workerProfiles = o.fault === 'connections' && profile.name !== 'defaults' ? [profile, builtinProfile('defaults', profile.libs)] : [profile];
    workers = await startWorkers(o.target, queueName, o.prefix, workerProfiles, (marker, at) => {
      completions.set(marker, [...(completions.get(marker) ?? []), at]);
      lastCompletionAt = at;
    });
    if (plan.sentinels.length) watchers.push(await watchSentinels(plan.sentinels, o.target.kind === 'sentinel' ? o.target.sentinelPassword : undefined, o.target.tls));
    if (o.target.kind === 'cluster') {
      watchers.push(watchCluster({ targetId: plan.target.clusterId ?? '', targetName: plan.target.id, observers: plan.observers, replicas: plan.replicas, password: o.target.password, tls: o.target.tls }));
    }

    say(`load at ${o.rate}/s through ${o.mode}, warming up`);
    load.start();
    await sleep(o.warmupMs, undefined, { signal: o.signal }).catch(() => undefined);
    abortIfAsked(o.signal);

    say(`${o.fault} ${plan.target.id} (${plan.target.role})`);
    const t0 = performance.now();
    const t0EpochMs = Date.now();
    fault = await inject(o.fault, {
      runtime: o.runtime,
      ...(o.faultCmd && { commands: { fault: o.faultCmd, ...(o.healCmd && { heal: o.healCmd }), timeoutMs: o.maxRecoveryMs, secrets: secretsOf(o.target), ...(o.signal && { signal: o.signal }) } }),
      target: plan.target,
      pauseMs: o.pauseMs,
      ...(o.partition !== undefined && { partition: o.partition }),
      password: o.target.password,
      tls: o.target.tls,
      replica: plan.replicas[0]?.ep,
      sentinel: o.target.kind === 'sentinel' && plan.sentinels[0] ? { endpoint: plan.sentinels[0].ep, masterName: o.target.masterName, password: o.target.sentinelPassword } : undefined,
    });
    // When the fault was done (the kills returned): a worker resumes with a job it took after this.
    const faultDone = { at: performance.now(), epochMs: Date.now() };
    events.push({ ...observed('fault', 'redis-arc', `${o.fault} ${plan.target.id}${fault.detail ? `: ${fault.detail}` : ''}`), at: t0, epochMs: t0EpochMs });
    if (fault.detail) say(fault.detail);
    if (fault.faultCommand) say(`--fault-cmd exited 0 after ${fault.faultCommand.durationMs} ms`);

    await waitForRecovery({
      t0,
      fault: o.fault,
      injected: fault,
      // A fault that fails nothing over (cut or hung connections): the trial does not wait for a promotion that will not come.
      expectPromotion: plan.expectPromotion && faultOf(o.fault).promotes,
      watchers,
      lastAckAt: () => load?.lastAckAt,
      // Recovered only once every worker has completed a job again (the jobs themselves may go to any of them).
      lastCompletionAt: () => (workers!.allResumedSince(faultDone.epochMs) ? lastCompletionAt : undefined),
      maxRecoveryMs: o.maxRecoveryMs,
      settleMs: o.settleMs,
      say,
      ...(o.signal && { signal: o.signal }),
    });
    abortIfAsked(o.signal);
    say('healing');
    const healStart = performance.now();
    await fault.heal();
    const healEvent = observed('heal', 'redis-arc', `${plan.target.id} ${faultOf(o.fault).healed(fault)}`);
    // A network fault healed itself after --fault-ms: the mark goes where its table was deleted.
    const selfHealed = fault.endedEpochMs !== undefined && fault.endedAt !== undefined;
    events.push(selfHealed ? { ...healEvent, at: fault.endedAt!, epochMs: fault.endedEpochMs! } : healEvent);
    await load.stop();
    const loadEnd = load.stoppedAt;

    say('draining the queue');
    const queue = new Queue(queueName, { connection: producerConn, prefix: o.prefix });
    queue.on('error', () => {});
    try {
      await waitUntilDrained(queue, o.signal);
      say('waiting until healthy again');
      const healed = await waitUntilHealthy(o.target, { timeoutMs: o.healTimeoutMs }).then(
        () => Math.round(performance.now() - healStart),
        () => null,
      );
      const adds = await account([...load.records.values()], completions, (id) => queue.getJob(id).then((j) => (j ? markerOf(j) : null)), {
        jobIds: profile.jobIds,
        sides: {
          name: (address) => nodeName(o.target, address),
          ...(fault.cutOff && { cutOff: { nodes: fault.cutOff, from: t0, to: fault.endedAt ?? healStart } }),
        },
      });
      for (const w of watchers) await w.stop();
      const timeline = relativeTo(t0, [...events, ...watchers.flatMap((w) => w.events)]);
      const busDropped = producer instanceof EventBus ? producer.dropped : undefined;
      const metrics = computeMetrics(t0, loadEnd, [...load.records.values()], completions, timeline, busDropped);
      const resumes = o.fault === 'connections' ? workers.resumes(faultDone.at, faultDone.epochMs) : undefined;
      const { verdict, notes: why } = verdictOf({ fault: o.fault, metrics, adds, healed: healed !== null, workers, plan, resumes });
      const notes = [...faultLines(fault), ...why, ...splitBrainNotes(o.fault, adds), ...tiltNotes(timeline)];
      await workers.close();
      workers = undefined;
      await producer.close();
      producer = undefined;
      return {
        trial: n,
        fault: o.fault,
        mode: o.mode,
        target: { id: plan.target.id, address: `${plan.target.address.host}:${plan.target.address.port}`, role: plan.target.role },
        t0EpochMs,
        rate: o.rate,
        metrics,
        adds,
        verdict,
        notes,
        events: timeline,
        timeline: bucketize(t0, load.startedAt, loadEnd, [...load.records.values()], completions),
        healedMs: healed,
        ...(fault.detail && { faultDetail: fault.detail }),
        ...(fault.faultCommand && { faultCommand: fault.faultCommand }),
        ...(fault.healCommand && { healCommand: fault.healCommand }),
        ...(resumes && { workers: resumes }),
        client: { profile: profile.name, bullmq: profile.libs.versions.bullmq, ioredis: profile.libs.versions.ioredis, jobIds: profile.jobIds },
      };
    } finally {
      await queue.close();
    }
  } finally {
    // Ctrl-C or an error mid-trial: the paused node is resumed, the killed one restarted, load stopped.
    await fault?.heal().catch(() => undefined);
    await load?.stop(1000).catch(() => undefined);
    for (const w of watchers) await w.stop().catch(() => undefined);
    await workers?.close(true).catch(() => undefined);
    await producer?.close().catch(() => undefined);
    // Whatever ended the trial (a --fault-cmd that failed, a refused DEBUG, Ctrl-C), its queue goes:
    // the Redis may not be one redis-arc started.
    await removeTrialQueue(queueName, o.prefix, producerConn);
    await closeConnection(producerConn);
  }
}

/** A bare `queue.add` producer on the profile's BullMQ and producer connection (closed with it). */
async function profileProducer(
  profile: ClientProfile,
  target: Target,
  queueName: string,
  prefix: string,
  observer: ConstructorParameters<typeof ProfileProducer>[2],
): Promise<{ producer: EventProducer; client: Promise<Connection> }> {
  const connection = await profile.connection('producer', target);
  const queue = new profile.libs.bullmq.Queue(queueName, { connection: connection as Connection, prefix }) as Queue;
  queue.on('error', () => {});
  const owned = typeof (connection as { quit?: unknown }).quit === 'function' ? (connection as Connection) : undefined;
  const producer = new ProfileProducer(queue, profile.jobIds, observer, owned && (() => closeConnection(owned)));
  // Where the queue's connection is differs by BullMQ version (on the queue up to 5, on its `backend` in 6).
  const holder = queue as unknown as { client?: Promise<Connection>; backend?: { client?: Promise<Connection> } };
  return { producer, client: holder.backend?.client ?? holder.client ?? Promise.reject(new Error('no client')) };
}

async function removeTrialQueue(queueName: string, prefix: string, connection: Connection): Promise<void> {
  const queue = new Queue(queueName, { connection, prefix });
  queue.on('error', () => {});
  await queue
    .obliterate({ force: true })
    .catch(() => undefined)
    .finally(() => queue.close().catch(() => undefined));
}

/** The fault's own lines in the report: what it did, and how the user's commands ran. */
function faultLines(f: InjectedFault): string[] {
  const lines = f.detail ? [f.detail] : [];
  for (const [flag, run] of [['--fault-cmd', f.faultCommand], ['--heal-cmd', f.healCommand]] as const) {
    if (!run) continue;
    const last = run.output.trim().split('\n').pop()?.trim();
    lines.push(`${flag} ${run.command}: exit ${run.exitCode ?? run.signal} after ${run.durationMs} ms${last ? `; ${last}` : ''}`);
  }
  return lines;
}

/** The planned node id of an acknowledging address (`host:port`), else the address itself. */
function nodeName(target: Target, address: string): string {
  try {
    return addressesFrom(target).label(parseEndpoint(address)) ?? address;
  } catch {
    return address;
  }
}

/** What the user's commands must never print: the topology's passwords. */
function secretsOf(t: Target): string[] {
  return [t.password, t.kind === 'sentinel' ? t.sentinelPassword : undefined, t.app?.password].filter((s): s is string => Boolean(s));
}

/** Ctrl-C: stop here; the caller's finally heals the fault and stops the load. */
function abortIfAsked(signal?: AbortSignal): void {
  if (signal?.aborted) throw new InterruptedError();
}
