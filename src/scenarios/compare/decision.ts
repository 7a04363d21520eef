import type { CompareFailover, Throughput, TopologyMeasurement } from './types.js';
import { summarize } from '../failover/measure/metrics.js';
import { outages } from './failover-verdicts.js';
import { latencyOf } from './verdicts.js';
import { lower } from './verdict-text.js';

/** Where each of sentinel and cluster came out ahead on this machine, figure by figure: what a decision rests on. */
export function decision(measurements: TopologyMeasurement[]): CompareDecision | undefined {
  const S = measurements.find((m) => m.kind === 'sentinel');
  const C = measurements.find((m) => m.kind === 'cluster');
  if (!S || !C) return undefined;
  const out: CompareDecision = { sentinel: [], cluster: [], even: [] };
  const put = (what: string, a: number | null | undefined, b: number | null | undefined, unit: string) => {
    if (a == null || b == null) return;
    const which = lower(a, b);
    const text = `${what} (${a} vs ${b}${unit ? ` ${unit}` : ''})`;
    (which === 'a' ? out.sentinel : which === 'b' ? out.cluster : out.even).push(text);
  };
  put('write gap after a crash, median', S.failover.crash?.summary.write_gap_ms.median, C.failover.crash?.summary.write_gap_ms.median, 'ms');
  const outage = (r: CompareFailover | undefined) => (r ? summarize(outages(r)).median : undefined);
  put('write outage in a planned failover, median', outage(S.failover.graceful), outage(C.failover.graceful), 'ms');
  put('acked jobs lost, most in a trial', S.failover.crash?.summary.lost.max, C.failover.crash?.summary.lost.max, '');
  const sl = latencyOf(S);
  const cl = latencyOf(C);
  put('latency p50', sl?.p50, cl?.p50, 'ms');
  put('latency p99', sl?.p99, cl?.p99, 'ms');
  // Higher is better for throughput: compared as time per 1000 adds.
  const perK = (t: Throughput | undefined) => (t?.jobsPerSec ? Math.round(1_000_000 / t.jobsPerSec) : undefined);
  put('one queue, ms per 1000 adds', perK(S.throughput.one), perK(C.throughput.one), 'ms');
  put(
    `${S.throughput.shared.queues} queues (cluster: a tag each), ms per 1000 adds`,
    perK(S.throughput.shared),
    perK(C.throughput.spread ?? C.throughput.shared),
    'ms',
  );
  put('ports', S.resources.ports, C.resources.ports, '');
  put('memory after the work', Math.round(S.resources.rssKiB.afterWork / 1024), Math.round(C.resources.rssKiB.afterWork / 1024), 'MiB');
  put('setup', S.resources.setupMs, C.resources.setupMs, 'ms');
  return out;
}

export interface CompareDecision {
  /** Figures where sentinel was lower (better) by more than the noise; `cluster` likewise; `even`: within it. */
  sentinel: string[];
  cluster: string[];
  even: string[];
}
