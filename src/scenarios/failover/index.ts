import { defaultPrefix } from '../../connect/queue-prefix.js';
import type { Mode } from '../../events/producer.js';
import { pingTarget, whileAnswering } from '../guard/liveness.js';
import { runEnvironment } from '../environment.js';
import { CannotRunError } from '../faults/cannot-run.js';
import { summarize } from './measure/metrics.js';
import { summarizeByProfile } from './profile-summaries.js';
import { summarizeWorkloads, workloadBreaches } from './workload-summaries.js';
import type { ClientProfile } from '../../profiles/types.js';
import { checkTargetsUpFront } from './targets.js';
import { runTrial, type TrialOptions } from './trial/run.js';
import type { FailoverResult, TrialResult } from './types.js';
import { type Fault } from '../faults/names.js';
import { unknownPlaceholder } from '../faults/placeholders.js';
import { UsageError } from '../../errors/index.js';
import { refuseMismatchedKinds } from '../../profiles/kind-check.js';

export interface FailoverOptions extends Omit<TrialOptions, 'fault' | 'mode' | 'prefix' | 'profile'> {
  fault: Fault;
  mode: Mode;
  trials: number;
  /** Queue key prefix; the default is BullMQ's, hash-tagged on a cluster. */
  prefix?: string;
  thresholds: { maxWriteGapMs?: number; maxLost?: number };
  /** Called with the trials finished so far (0 at the start), for a progress bar. */
  onAdvance?(done: number, total: number): void;
  /**
   * The client profiles to compare (src/profiles/resolve.ts); their trials run
   * interleaved (trial 1 of each, then trial 2, ...) on the same topology and fault. Absent:
   * redis-arc's own connections, and no comparison in the result.
   */
  profiles?: ClientProfile[];
}

/** `redis-arc failover-test`: N trials, min/median/max over them, and the threshold breaches. */
export async function runFailoverTest(options: FailoverOptions): Promise<FailoverResult> {
  const o = { ...options, prefix: options.prefix ?? defaultPrefix(options.topology.target.kind) };
  if (o.healCmd && !o.faultCmd) throw new CannotRunError('--heal-cmd heals what --fault-cmd did: give --fault-cmd too');
  if (o.fault === 'command' && !o.faultCmd) throw new CannotRunError('--fault command needs --fault-cmd');
  const unknown = (o.faultCmd && unknownPlaceholder('--fault-cmd', o.faultCmd)) || (o.healCmd && unknownPlaceholder('--heal-cmd', o.healCmd));
  if (unknown) throw new UsageError(unknown);
  if (o.partition !== undefined && o.fault !== 'partition') throw new CannotRunError(`--partition is the partition fault's sides, not --fault ${o.fault}'s`);
  const profiles = o.profiles?.length ? o.profiles : [undefined];
  if (o.mode !== 'direct' && profiles.some((p) => p && !p.modes.includes(o.mode)))
    throw new CannotRunError(`--mode ${o.mode} runs redis-arc's event layer: client profiles other than redis-arc add with a bare queue.add (--mode direct)`);
  await checkTargetsUpFront(o);
  // A client whose connections cannot work on this kind of topology would stick: refused, as doctor --client names it.
  if (o.profiles?.length) await refuseMismatchedKinds(o.profiles, o.topology.target.kind);
  // Refusals above, before anything connects.
  const environment = await runEnvironment(o.topology.target);
  const trials: TrialResult[] = [];
  const total = o.trials * profiles.length;
  const run = async () => {
    o.onAdvance?.(0, total);
    for (let n = 1; n <= o.trials && !o.signal?.aborted; n++) {
      for (const profile of profiles) {
        if (o.signal?.aborted) break;
        trials.push(await runTrial(n, { ...o, ...(profile && { profile, profileInProgress: profiles.length > 1 }) }));
        o.onAdvance?.(trials.length, total);
      }
    }
  };
  // A fault takes one node away; no node answering at all means the topology is gone.
  await whileAnswering(run(), pingTarget(o.topology.target), { doing: 'failover-test', ...(o.signal && { signal: o.signal }) });
  const over = (pick: (t: TrialResult) => number | null) => summarize(trials.map(pick));
  return {
    schemaVersion: 1,
    result: 'failover',
    kind: o.topology.target.kind,
    fault: o.fault,
    mode: o.mode,
    rate: o.rate,
    environment,
    trials,
    summary: {
      detect_ms: over((t) => t.metrics.detect_ms),
      promote_ms: over((t) => t.metrics.promote_ms),
      write_gap_ms: over((t) => t.metrics.write_gap_ms),
      consume_gap_ms: over((t) => t.metrics.consume_gap_ms),
      lost: over((t) => t.adds.lost),
    },
    thresholds: o.thresholds,
    breaches: breaches(trials, o.thresholds),
    ...(o.profiles?.length && { profiles: summarizeByProfile(trials) }),
    ...(o.workloads?.length && { workloads: summarizeWorkloads(trials) }),
  };
}

/** One line per breach, naming its trial (`trial N: ...`), as the JUnit reporter expects. */
export function breaches(trials: TrialResult[], th: FailoverOptions['thresholds']): string[] {
  const out: string[] = [];
  const profiles = new Set(trials.map((t) => t.client?.profile));
  for (const t of trials) {
    // Side by side, a breach names its profile too: `trial 2 (defaults): ...`.
    const name = profiles.size > 1 ? `trial ${t.trial} (${t.client?.profile})` : `trial ${t.trial}`;
    const gap = t.metrics.write_gap_ms;
    if (th.maxWriteGapMs !== undefined && (gap === null || gap > th.maxWriteGapMs)) {
      out.push(`${name}: write gap ${gap === null ? 'never closed' : `${gap} ms`} > max ${th.maxWriteGapMs} ms`);
    }
    if (th.maxLost !== undefined && t.adds.lost > th.maxLost) out.push(`${name}: lost ${t.adds.lost} acked adds > max ${th.maxLost}`);
    if (t.verdict !== 'ok') out.push(`${name}: verdict ${t.verdict}`);
    out.push(...workloadBreaches(t, name, th.maxLost));
  }
  return out;
}
