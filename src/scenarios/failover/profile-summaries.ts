import { summarize } from './measure/metrics.js';
import type { MetricSummary, TrialClient, TrialResult } from './types.js';

/** One profile's trials side by side with the others' (METRICS.md "Client profiles"). */
export interface ProfileSummary {
  client: TrialClient;
  trials: number;
  write_gap_ms: MetricSummary;
  consume_gap_ms: MetricSummary;
  lost: MetricSummary;
  recovered: MetricSummary;
  duplicated: MetricSummary;
  reissued: MetricSummary;
  overwritten: MetricSummary;
  /** Median parts of the write outage over the trials. */
  outage: { detection_ms: MetricSummary; election_ms: MetricSummary; follow_ms: MetricSummary };
  /** Trials whose verdict was not ok, as `trial N: verdict`. */
  notOk: string[];
  /** The verdict lines that name a stuck connection (`defaults worker connection reconnecting, ...`, `the defaults producer connection did not reach a new master`). */
  stuck: string[];
}

/** Group trials by client profile, in the order the profiles first ran. */
export function summarizeByProfile(trials: TrialResult[]): ProfileSummary[] {
  const groups = new Map<string, { client: TrialClient; trials: TrialResult[] }>();
  for (const t of trials) {
    if (!t.client) continue;
    const group = groups.get(t.client.profile);
    if (group) group.trials.push(t);
    else groups.set(t.client.profile, { client: t.client, trials: [t] });
  }
  return [...groups.values()].map(({ client, trials: ts }) => {
    const over = (pick: (t: TrialResult) => number | null | undefined) => summarize(ts.map((t) => pick(t) ?? null));
    return {
      client,
      trials: ts.length,
      write_gap_ms: over((t) => t.metrics.write_gap_ms),
      consume_gap_ms: over((t) => t.metrics.consume_gap_ms),
      lost: over((t) => t.adds.lost),
      recovered: over((t) => t.adds.recovered),
      duplicated: over((t) => t.adds.duplicated),
      reissued: over((t) => t.adds.reissued),
      overwritten: over((t) => t.adds.overwritten),
      outage: {
        detection_ms: over((t) => t.metrics.outage?.detection_ms),
        election_ms: over((t) => t.metrics.outage?.election_ms),
        follow_ms: over((t) => t.metrics.outage?.follow_ms),
      },
      notOk: ts.filter((t) => t.verdict !== 'ok').map((t) => `trial ${t.trial}: ${t.verdict}`),
      stuck: ts.flatMap((t) => t.notes.filter(namesStuckConnection).map((n) => `trial ${t.trial}: ${n}`)),
    };
  });
}

const namesStuckConnection = (note: string) =>
  (/ worker connection /.test(note) && /completed nothing/.test(note)) || / producer connection did not reach a new master/.test(note);
