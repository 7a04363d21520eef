import type { Connection } from '../../connect/connect.js';
import type { Target } from '../../redis/target.js';
import type { BenchContext } from '../bench/context.js';
import { DEFAULT_BENCH } from '../bench/defaults.js';
import { runAdds } from '../bench/scenarios.js';
import { summarize } from '../failover/measure/metrics.js';
import { masterOf, prefixSlot, type MasterSlots } from './placement.js';
import type { Throughput } from './types.js';
import { ownProfile } from '../../profiles/builtin.js';

export interface ThroughputOptions {
  target: Target;
  producerConn: Connection;
  workerConn: Connection;
  jobs: number;
  inflight: number;
  runs: number;
  /** Cluster: where each prefix's slot lands. */
  masters?: MasterSlots[];
  signal?: AbortSignal;
}

/**
 * Add throughput of one queue per prefix, all at once (bench's `add-concurrent` run, `direct`
 * mode, per queue): total acknowledged adds over the wall time of the slowest queue. One
 * warm-up run, then `runs` runs; the median is the figure.
 */
export async function measureThroughput(o: ThroughputOptions, prefixes: string[]): Promise<Throughput> {
  const contexts: BenchContext[] = prefixes.map((prefix) => ({
    target: o.target,
    prefix,
    settings: { ...DEFAULT_BENCH.settings, jobs: o.jobs, inflight: o.inflight },
    producerConn: o.producerConn,
    workerConn: o.workerConn,
  }));
  const once = async (jobs: number) => {
    const t0 = performance.now();
    await Promise.all(contexts.map((ctx) => runAdds(ctx, ownProfile(), 'direct', jobs, o.inflight)));
    return Math.round(((jobs * prefixes.length) / (performance.now() - t0)) * 1000);
  };
  await once(Math.min(o.jobs, DEFAULT_BENCH.settings.warmupJobs));
  const runs: number[] = [];
  for (let r = 0; r < o.runs && !o.signal?.aborted; r++) runs.push(await once(o.jobs));
  return {
    queues: prefixes.length,
    prefixes,
    ...(o.masters && placementOf(prefixes, o.masters)),
    jobsPerSec: summarize(runs).median ?? 0,
    runs,
  };
}

/** Each prefix's slot and the master serving it ('?' when none does). */
function placementOf(prefixes: string[], masters: MasterSlots[]): { slots: number[]; masters: string[] } {
  const slots = prefixes.map(prefixSlot);
  return { slots, masters: slots.map((slot) => masterOf(slot, masters) ?? '?') };
}
