import { closeConnection, connect, whenReady, type Connection } from '../../connect/connect.js';
import { defaultPrefix } from '../../connect/queue-prefix.js';
import { ArcError, InterruptedError } from '../../errors/index.js';
import { formatEndpoint } from '../../redis/endpoint.js';
import { checkHealth } from '../../probe/health.js';
import { serverOf, type ServerFacts } from '../environment.js';
import { startTopology, type StartedTopology, type StartOptions } from '../../project/start.js';
import { DEFAULT_BOOT_TIMEOUT_MS } from '../../runtime/defaults.js';
import type { BenchContext } from '../bench/context.js';
import { DEFAULT_BENCH } from '../bench/defaults.js';
import { medianByP50 } from '../bench/histogram.js';
import { runLatency } from '../bench/scenarios.js';
import { DEFAULT_FAILOVER } from '../failover/defaults.js';
import { runFailoverTest } from '../failover/index.js';
import type { FailoverResult } from '../failover/types.js';
import { type Fault } from '../faults/names.js';
import type { CompareKind } from './defaults.js';
import { spreadPrefixes, type MasterSlots } from './placement.js';
import { holdComparePorts, requireFreeComparePorts } from './ports.js';
import { footprint, portsOf } from './resources.js';
import { measureThroughput } from './throughput.js';
import type { CompareSettings, TopologyMeasurement } from './types.js';
import { ownProfile } from '../../profiles/builtin.js';

export interface MeasureOptions {
  kind: CompareKind;
  settings: CompareSettings;
  ports: { portBase: number; sentinelPortBase?: number };
  signal?: AbortSignal;
  onProgress?(message: string): void;
  /** How a topology is started; tests pass theirs, which also reaps what a dead test worker left. */
  start?: (kind: CompareKind, opts: StartOptions) => Promise<StartedTopology>;
}

/** The planned failover each kind has; a crash is a SIGKILL of the master everywhere. */
const GRACEFUL: Partial<Record<CompareKind, Fault>> = { sentinel: 'sentinel-failover', cluster: 'cluster-failover' };

/**
 * Boot one topology in a temporary folder, run the same BullMQ work on it (latency, throughput,
 * then the failovers, which restart nodes), and tear it down: everything it started is stopped and
 * its folder removed, also when a step fails or Ctrl-C aborts `signal`.
 */
export async function measureTopology(o: MeasureOptions): Promise<TopologyMeasurement & ServerFacts> {
  const { kind, settings: s } = o;
  const say = (m: string) => o.onProgress?.(`${kind}: ${m}`);
  const stopIfAborted = () => {
    if (o.signal?.aborted) throw new InterruptedError();
  };
  const detect = kind === 'sentinel' ? { downAfterMs: s.downAfterMs } : kind === 'cluster' ? { nodeTimeoutMs: s.downAfterMs } : {};
  const setupStart = performance.now();
  using _ports = holdComparePorts(kind, o.ports);
  await requireFreeComparePorts(kind, o.ports);
  await using topo = await (o.start ?? startTopology)(kind, {
    ...o.ports,
    ...detect,
    dirPrefix: `redis-arc-compare-${kind}-`,
    timeoutMs: DEFAULT_BOOT_TIMEOUT_MS,
    onStep: (step) => say(step.message),
    ...(o.signal && { signal: o.signal }),
  });
  const setupMs = Math.round(performance.now() - setupStart);
  const idle = await footprint(topo.dir);
  const { target } = topo;
  const masters = await mastersOf(topo);

  const producerConn = connect(target, 'producer');
  const workerConn = connect(target, 'worker');
  let latency: TopologyMeasurement['latency'];
  let throughput: TopologyMeasurement['throughput'];
  let facts: ServerFacts;
  try {
    await whenReady(producerConn);
    facts = await serverOf(target);
    say(`latency at ${s.latency.rate}/s, ${s.latency.runs} run(s) of ${s.latency.durationS} s`);
    latency = await measureLatency(target, producerConn, workerConn, s, o.signal);
    stopIfAborted();
    const t = { target, producerConn, workerConn, ...s.throughput, ...(kind === 'cluster' && { masters }), ...(o.signal && { signal: o.signal }) };
    const prefix = defaultPrefix(kind);
    say('throughput of one queue');
    const one = await measureThroughput(t, [prefix]);
    stopIfAborted();
    say(`throughput of ${s.queues} queues under one prefix '${prefix}'`);
    const shared = await measureThroughput(
      t,
      Array.from({ length: s.queues }, () => prefix),
    );
    stopIfAborted();
    let spread;
    if (kind === 'cluster') {
      say(`throughput of ${s.queues} queues, each with its own hash tag`);
      spread = await measureThroughput(t, spreadPrefixes(s.queues, masters));
      stopIfAborted();
    }
    throughput = { one, shared, ...(spread && { spread }) };
  } finally {
    await Promise.all([closeConnection(producerConn), closeConnection(workerConn)]);
  }
  // Before the failovers: they restart nodes, which starts their memory afresh.
  const afterWork = await footprint(topo.dir);

  const failover: TopologyMeasurement['failover'] = {};
  const graceful = GRACEFUL[kind];
  if (graceful) {
    failover.crash = await failoverRun(topo, 'kill', s, o);
    stopIfAborted();
    failover.graceful = await failoverRun(topo, graceful, s, o);
    stopIfAborted();
  }

  say('tearing down');
  const teardownStart = performance.now();
  await topo[Symbol.asyncDispose]();
  const teardownMs = Math.round(performance.now() - teardownStart);
  return {
    kind,
    masters: Math.max(1, masters.length),
    failover,
    latency,
    throughput,
    resources: {
      processes: idle.processes,
      ports: portsOf(topo.project.topology),
      rssKiB: { idle: idle.rssKiB, afterWork: afterWork.rssKiB },
      setupMs,
      teardownMs,
    },
    ...facts,
  };
}

function failoverRun(topo: StartedTopology, fault: Fault, s: CompareSettings, o: MeasureOptions): Promise<FailoverResult> {
  return runFailoverTest({
    ...DEFAULT_FAILOVER,
    ...s.failover,
    topology: topo,
    fault,
    mode: 'direct',
    trials: s.trials,
    thresholds: {},
    ...(o.signal && { signal: o.signal }),
    onProgress: (m) => o.onProgress?.(`${o.kind}: ${fault}: ${m}`),
  });
}

async function measureLatency(
  target: StartedTopology['target'],
  producerConn: Connection,
  workerConn: Connection,
  s: CompareSettings,
  signal?: AbortSignal,
): Promise<TopologyMeasurement['latency']> {
  const ctx: BenchContext = {
    target,
    prefix: defaultPrefix(target.kind),
    settings: { ...DEFAULT_BENCH.settings, rate: s.latency.rate, durationS: s.latency.durationS },
    producerConn,
    workerConn,
  };
  try {
    const runs = [];
    for (let r = 0; r < s.latency.runs && !signal?.aborted; r++) runs.push((await runLatency(ctx, ownProfile(), 'direct')).latencyMs);
    const l = medianByP50(runs);
    // Interrupted before a run ended: the caller stops on the signal.
    if (!l) return { error: 'interrupted' };
    return { ...s.latency, p50: l.p50, p99: l.p99, max: l.max, p50s: runs.map((x) => x.p50) };
  } catch (err) {
    // A run whose jobs did not all complete has no honest percentiles: the row says why instead.
    if (err instanceof ArcError) return { error: err.message };
    throw err;
  }
}

/** Cluster masters serving slots, by planned name; empty for the other kinds. */
async function mastersOf(topo: StartedTopology): Promise<MasterSlots[]> {
  if (topo.target.kind !== 'cluster') return [];
  const health = await checkHealth(topo.target);
  return health.nodes.flatMap((n) => (n.role === 'master' && n.slots?.length ? [{ name: n.name ?? formatEndpoint(n.address), slots: n.slots }] : []));
}
