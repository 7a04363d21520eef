import { defaultPrefix } from '../../connect/queue-prefix.js';
import type { Mode } from '../../events/producer.js';
import type { ProbeTarget } from '../../probe/target.js';
import type { Runtime } from '../../runtime/runtime.js';
import { pingTarget, whileAnswering } from '../guard/liveness.js';
import { runEnvironment } from '../environment.js';
import { CannotRunError } from './cannot-run.js';
import { summarize } from './metrics.js';
import { runTrial, type TrialOptions } from './trial.js';
import type { FailoverResult, Fault, TrialResult } from './types.js';

export interface FailoverOptions extends Omit<TrialOptions, 'fault' | 'mode' | 'prefix'> {
  target: ProbeTarget;
  runtime?: Runtime;
  fault: Fault;
  mode: Mode;
  trials: number;
  /** Queue key prefix; the default is BullMQ's, hash-tagged on a cluster. */
  prefix?: string;
  thresholds: { maxWriteGapMs?: number; maxLost?: number };
  /** Called with the trials finished so far (0 at the start), for a progress bar. */
  onAdvance?(done: number, total: number): void;
}

/** `redis-arc failover-test`: N trials, min/median/max over them, and the threshold breaches. */
export async function runFailoverTest(options: FailoverOptions): Promise<FailoverResult> {
  const o = { ...options, prefix: options.prefix ?? defaultPrefix(options.target.kind) };
  if (o.healCmd && !o.faultCmd) throw new CannotRunError('--heal-cmd heals what --fault-cmd did: give --fault-cmd too');
  if (o.fault === 'command' && !o.faultCmd) throw new CannotRunError('--fault command needs --fault-cmd');
  const environment = await runEnvironment(o.target);
  if (o.partition !== undefined && o.fault !== 'partition') throw new CannotRunError(`--partition is the partition fault's sides, not --fault ${o.fault}'s`);
  const trials: TrialResult[] = [];
  const run = async () => {
    o.onAdvance?.(0, o.trials);
    for (let n = 1; n <= o.trials && !o.signal?.aborted; n++) {
      trials.push(await runTrial(n, o));
      o.onAdvance?.(n, o.trials);
    }
  };
  // A fault takes one node away; no node answering at all means the topology is gone.
  await whileAnswering(run(), pingTarget(o.target), { doing: 'failover-test', ...(o.signal && { signal: o.signal }) });
  const over = (pick: (t: TrialResult) => number | null) => summarize(trials.map(pick));
  return {
    schemaVersion: 1,
    kind: o.target.kind,
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
  };
}

/** One line per breach, naming its trial (`trial N: ...`), as the JUnit reporter expects. */
export function breaches(trials: TrialResult[], th: FailoverOptions['thresholds']): string[] {
  const out: string[] = [];
  for (const t of trials) {
    const gap = t.metrics.write_gap_ms;
    if (th.maxWriteGapMs !== undefined && (gap === null || gap > th.maxWriteGapMs)) {
      out.push(`trial ${t.trial}: write gap ${gap === null ? 'never closed' : `${gap} ms`} > max ${th.maxWriteGapMs} ms`);
    }
    if (th.maxLost !== undefined && t.adds.lost > th.maxLost) out.push(`trial ${t.trial}: lost ${t.adds.lost} acked adds > max ${th.maxLost}`);
    if (t.verdict !== 'ok') out.push(`trial ${t.trial}: verdict ${t.verdict}`);
  }
  return out;
}
