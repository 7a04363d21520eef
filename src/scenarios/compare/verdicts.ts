import { CLAIMS } from './claims.js';
import { failoverTime, fasterFailover, plannedFailover } from './failover-verdicts.js';
import type { CompareEnvironment, CompareRow, CompareSettings, Throughput, TopologyMeasurement } from './types.js';
import { lower, NOISE, notMeasured, ratio, row, s, SCALING } from './verdict-text.js';

export interface VerdictInput {
  environment: CompareEnvironment;
  settings: Pick<CompareSettings, 'downAfterMs' | 'trials' | 'queues'>;
  measurements: TopologyMeasurement[];
}

export const latencyOf = (m: TopologyMeasurement | undefined) => (m && 'p50' in m.latency ? m.latency : undefined);

/** Every row of the table, in the analysis' order: failover, latency, throughput, resources. */
export function compareRows(input: VerdictInput): CompareRow[] {
  const by = (kind: string) => input.measurements.find((m) => m.kind === kind);
  const sentinel = by('sentinel');
  const cluster = by('cluster');
  const { downAfterMs, trials } = input.settings;
  return [
    failoverTime(CLAIMS.failoverSentinel, sentinel?.failover.crash, downAfterMs),
    failoverTime(CLAIMS.failoverCluster, cluster?.failover.crash, downAfterMs),
    plannedFailover(sentinel?.failover.graceful, cluster?.failover.graceful),
    fasterFailover(sentinel?.failover.crash, cluster?.failover.crash, trials),
    lowerLatency(sentinel, cluster, by('standalone')),
    writeScaling(sentinel, cluster, input.environment.cpus),
    defeatsPurpose(cluster),
    processes(sentinel),
    complexity(sentinel, cluster),
    setup(sentinel, cluster),
  ];
}

export function lowerLatency(
  sentinel: TopologyMeasurement | undefined,
  cluster: TopologyMeasurement | undefined,
  standalone: TopologyMeasurement | undefined,
): CompareRow {
  const c = CLAIMS.lowerLatency;
  const sl = latencyOf(sentinel);
  const cl = latencyOf(cluster);
  if (!sl || !cl) {
    const errors = [sentinel, cluster].flatMap((m) => (m && 'error' in m.latency ? [`${m.kind}: ${m.latency.error}`] : []));
    return notMeasured(c, 'latency', errors.length ? errors.join('; ') : 'needs both sentinel and cluster');
  }
  const base = latencyOf(standalone);
  const measured = `add→completed at ${sl.rate}/s: sentinel p50 ${sl.p50} ms p99 ${sl.p99} ms, cluster p50 ${cl.p50} ms p99 ${cl.p99} ms${base ? `, standalone p50 ${base.p50} ms p99 ${base.p99} ms` : ''}`;
  // Runs whose p50s overlap cannot tell the two apart, whatever their medians say.
  const overlap =
    sl.p50s.length > 1 && cl.p50s.length > 1 && Math.max(Math.min(...sl.p50s), Math.min(...cl.p50s)) <= Math.min(Math.max(...sl.p50s), Math.max(...cl.p50s));
  if (overlap) {
    const spread = (l: { p50s: number[] }) => `${Math.min(...l.p50s)}-${Math.max(...l.p50s)} ms`;
    return row(
      c,
      'latency',
      measured,
      'does not hold',
      `the runs' p50s overlap (sentinel ${spread(sl)}, cluster ${spread(cl)}): no difference this machine can show; the client routes each queue by its slot, so there are no redirects to save`,
    );
  }
  const p50 = lower(sl.p50, cl.p50);
  const p99 = lower(sl.p99, cl.p99);
  if (p50 === 'a' && p99 !== 'b') return row(c, 'latency', measured, 'holds', `sentinel's p50 is lower by more than ${NOISE * 100}%`);
  if (p50 === 'b')
    return row(
      c,
      'latency',
      measured,
      'does not hold',
      `cluster's p50 is lower: the client routes each queue by its slot, so a hash-tagged queue sees no redirects in steady state`,
    );
  return row(
    c,
    'latency',
    measured,
    'does not hold',
    `p50 within ${NOISE * 100}%${p99 === 'same' ? ' and p99 too' : `, p99 lower on ${p99 === 'a' ? 'sentinel' : 'cluster'}`}: the client routes each queue by its slot, so there are no redirects to save`,
  );
}

const rate = (t: Throughput) => `${t.jobsPerSec} adds/s`;

export function writeScaling(sentinel: TopologyMeasurement | undefined, cluster: TopologyMeasurement | undefined, cpus: number): CompareRow {
  const c = CLAIMS.writeScaling;
  const spread = cluster?.throughput.spread;
  if (!cluster || !spread) return notMeasured(c, 'throughput', 'needs a cluster');
  const shared = cluster.throughput.shared;
  const masters = new Set(spread.masters ?? []).size;
  const measured =
    `${spread.queues} queues: cluster per-queue tags ${rate(spread)} on ${masters} master(s), one shared tag ${rate(shared)} on 1 (${ratio(spread.jobsPerSec, shared.jobsPerSec)})` +
    (sentinel ? `; sentinel ${rate(sentinel.throughput.shared)}` : '');
  const scale = spread.jobsPerSec / shared.jobsPerSec;
  // Every master and the client (BullMQ, ioredis) each need a core for more masters to mean more writes.
  const needed = cluster.masters + 1;
  if (cpus < needed) {
    return row(
      c,
      'throughput',
      measured,
      'depends',
      `on cores: this machine has ${cpus} for ${cluster.masters} masters and the client (${needed} needed), so it cannot show write scaling; ratio ${ratio(spread.jobsPerSec, shared.jobsPerSec)} is what it shows`,
    );
  }
  if (masters < 2) return row(c, 'throughput', measured, 'does not hold', 'the per-queue tags did not spread over masters');
  if (scale >= SCALING)
    return row(
      c,
      'throughput',
      measured,
      'holds',
      `queues spread over ${masters} masters add ${ratio(spread.jobsPerSec, shared.jobsPerSec)} the writes of one shared tag`,
    );
  return row(c, 'throughput', measured, 'does not hold', `spread queues gain less than ${SCALING}x over one shared tag with ${cpus} cores`);
}

export function defeatsPurpose(cluster: TopologyMeasurement | undefined): CompareRow {
  const c = CLAIMS.defeatsPurpose;
  const spread = cluster?.throughput.spread;
  if (!cluster || !spread) return notMeasured(c, 'throughput', 'needs a cluster');
  const shared = cluster.throughput.shared;
  const sharedMasters = new Set(shared.masters ?? []);
  const spreadMasters = new Set(spread.masters ?? []);
  const measured =
    `shared tag '${shared.prefixes[0]}': ${shared.queues} queues all in slot ${shared.slots?.[0]} on ${[...sharedMasters].join(', ')} (${rate(shared)}); ` +
    `per-queue tags: ${spread.queues} queues on ${spreadMasters.size} of ${cluster.masters} masters (${rate(spread)})`;
  if (sharedMasters.size === 1 && spreadMasters.size > 1) {
    return row(
      c,
      'throughput',
      measured,
      'depends',
      `on the hash tag: one tag for every queue puts all queue data on one master; a tag per queue ({bull:<queue>}) spreads queues over masters, each queue still on one`,
    );
  }
  if (spreadMasters.size <= 1) return row(c, 'throughput', measured, 'holds', 'even per-queue tags left every queue on one master');
  return row(c, 'throughput', measured, 'does not hold', 'one shared tag did not keep the queues on one master');
}

const kib = (k: number) => `${(k / 1024).toFixed(1)} MiB`;
const footprint = (m: TopologyMeasurement) =>
  `${m.kind}: ${m.resources.processes} processes, ${m.resources.ports} ports, RSS ${kib(m.resources.rssKiB.idle)} idle / ${kib(m.resources.rssKiB.afterWork)} after the work`;

export function processes(sentinel: TopologyMeasurement | undefined): CompareRow {
  const c = CLAIMS.processes;
  if (!sentinel) return notMeasured(c, 'resources', 'needs a sentinel');
  const n = sentinel.resources.processes;
  return row(c, 'resources', footprint(sentinel), n === 6 ? 'holds' : 'does not hold', `${n} redis processes running`);
}

export function complexity(sentinel: TopologyMeasurement | undefined, cluster: TopologyMeasurement | undefined): CompareRow {
  const c = CLAIMS.complexity;
  if (!sentinel || !cluster) return notMeasured(c, 'resources', 'needs both sentinel and cluster');
  const measured = `${footprint(sentinel)}; ${footprint(cluster)}`;
  const S = sentinel.resources;
  const C = cluster.resources;
  const heavier = [lower(S.processes, C.processes), lower(S.ports, C.ports), lower(S.rssKiB.afterWork, C.rssKiB.afterWork)];
  const why = 'by footprint only (processes, ports, memory); operating skill is not measured';
  if (heavier.every((h) => h === 'a')) return row(c, 'resources', measured, 'holds', `cluster is larger on every count, ${why}`);
  if (heavier.every((h) => h !== 'a')) return row(c, 'resources', measured, 'does not hold', `cluster is not larger on any count, ${why}`);
  return row(
    c,
    'resources',
    measured,
    'depends',
    `on what counts: cluster is larger on ${['processes', 'ports', 'memory'].filter((_, i) => heavier[i] === 'a').join(', ')} only, ${why}`,
  );
}

export function setup(sentinel: TopologyMeasurement | undefined, cluster: TopologyMeasurement | undefined): CompareRow {
  const c = CLAIMS.setup;
  if (!sentinel || !cluster) return notMeasured(c, 'resources', 'needs both sentinel and cluster');
  const S = sentinel.resources;
  const C = cluster.resources;
  const measured = `setup (init + boot until healthy) sentinel ${s(S.setupMs)}, cluster ${s(C.setupMs)}; teardown ${s(S.teardownMs)}, ${s(C.teardownMs)}`;
  const which = lower(S.setupMs, C.setupMs);
  const why = 'by time to a healthy topology with redis-arc doing every step (cluster create included)';
  if (which === 'a') return row(c, 'resources', measured, 'holds', `cluster takes longer to set up, ${why}`);
  return row(c, 'resources', measured, 'does not hold', `${which === 'b' ? 'cluster is quicker' : `within ${NOISE * 100}%`}, ${why}`);
}
