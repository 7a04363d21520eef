import { DETECTED, firstAt as first, PROMOTED, SUSPECTED } from '../../watch/events.js';
import type { AddRecord, Completions } from '../load/records.js';
import type { FailoverMetrics, MetricSummary, OutageBreakdown, TimelineSeries } from '../types.js';
import { type TimelineEvent } from '../../watch/raw-event.js';

/**
 * The quiet interval that belongs to the failover ends this long after the promotion at the
 * latest: later blips (the old master demoted 10 s on, a node restarted) are not the failover's.
 */
export const FAILOVER_WINDOW_AFTER_PROMOTION_MS = 1000;

/**
 * When a path (acks, completions) came back: the end of the longest interval without events
 * that began in the failover window [t0, windowEndMs], given event times (ms after t0) observed
 * until `endMs` while load ran at a fixed rate. The interval starts at t0 or at an event; its
 * length is the outage. Null when the path never came back: the quiet time after the last
 * event began in the window and outlasts every gap.
 */
export function recovery(timesAfterT0: number[], endMs: number, windowEndMs = endMs): { at: number; outage: number } | null {
  const [earliest, ...rest] = timesAfterT0.filter((t) => t >= 0 && t <= endMs).sort((a, b) => a - b);
  if (earliest === undefined) return null;
  let best = { at: earliest, outage: earliest };
  let last = earliest;
  for (const t of rest) {
    // Only intervals that begin in the window count; the times are sorted, so none after this one does.
    if (last <= windowEndMs && t - last > best.outage) best = { at: t, outage: t - last };
    last = t;
  }
  return last <= windowEndMs && endMs - last > best.outage ? null : best;
}

/** `loadEnd`: when the producer stopped (performance.now() ms); recoveries are looked for until then. */
export function computeMetrics(
  t0: number,
  loadEnd: number,
  adds: AddRecord[],
  completions: Completions,
  events: TimelineEvent[],
  busDropped?: number,
): FailoverMetrics {
  const ackTimes = adds.flatMap((a) => (a.outcome === 'ok' && a.settledAt !== undefined ? [a.settledAt - t0] : []));
  const doneTimes = [...completions.values()].flat().map((t) => t - t0);
  // DESIGN.md: +switch-master seen / a replica reports role master for the failed slots.
  const promote = first(events, PROMOTED);
  const windowEnd = promote === null ? loadEnd - t0 : promote + FAILOVER_WINDOW_AFTER_PROMOTION_MS;
  const write = recovery(ackTimes, loadEnd - t0, windowEnd);
  const consume = recovery(doneTimes, loadEnd - t0, windowEnd);
  return {
    // DESIGN.md: first +odown (Sentinel) / first node flagged fail (Cluster).
    detect_ms: first(events, DETECTED),
    promote_ms: promote,
    write_gap_ms: write && round(write.at),
    write_outage_ms: write && round(write.outage),
    consume_gap_ms: consume && round(consume.at),
    consume_outage_ms: consume && round(consume.outage),
    ...(busDropped !== undefined && { bus_dropped: busDropped }),
    outage: breakdown(ackTimes, events, promote),
  };
}

/** Detection, election, and the client's own time to follow the promotion (METRICS.md "Outage breakdown"). */
export function breakdown(ackTimes: number[], events: TimelineEvent[], promote: number | null): OutageBreakdown {
  const detected = first(events, SUSPECTED);
  const firstAck = promote === null ? undefined : ackTimes.filter((t) => t >= promote).sort((a, b) => a - b)[0];
  return {
    detection_ms: detected,
    election_ms: detected !== null && promote !== null ? round(promote - detected) : null,
    follow_ms: promote !== null && firstAck !== undefined ? round(firstAck - promote) : null,
  };
}

export function bucketize(t0: number, startAt: number, endAt: number, adds: AddRecord[], completions: Completions, bucketMs = 100): TimelineSeries {
  const n = Math.max(1, Math.ceil((endAt - startAt) / bucketMs));
  const series: TimelineSeries = { bucketMs, startMs: round(startAt - t0), acks: zeros(n), failures: zeros(n), completions: zeros(n) };
  const put = (row: number[], at: number) => {
    const i = Math.floor((at - startAt) / bucketMs);
    const count = row[i];
    if (count !== undefined) row[i] = count + 1;
  };
  for (const a of adds) {
    if (a.settledAt === undefined) continue;
    put(a.outcome === 'ok' ? series.acks : series.failures, a.settledAt);
  }
  for (const times of completions.values()) for (const t of times) put(series.completions, t);
  return series;
}

export function summarize(values: (number | null)[]): MetricSummary {
  const seen = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  const min = seen[0];
  const max = seen.at(-1);
  const median = middle(seen);
  if (min === undefined || max === undefined || median === undefined) return { min: null, median: null, max: null };
  return { min, median: round(median), max };
}

/** The middle of sorted values: the one in the middle of an odd count, the mean of the two of an even count. */
function middle(sorted: number[]): number | undefined {
  const lower = sorted[Math.ceil(sorted.length / 2) - 1];
  const upper = sorted[Math.floor(sorted.length / 2)];
  return lower === undefined || upper === undefined ? undefined : lower === upper ? lower : (lower + upper) / 2;
}

const zeros = (n: number): number[] => new Array<number>(n).fill(0);

const round = (n: number) => Math.round(n);
