import type { RawEvent, TimelineEvent } from './raw-event.js';

/**
 * Which watcher events mean what (docs/METRICS.md): the metrics, the recovery wait, the
 * terminal timeline's letters and `fail()` all read these, never their own lists.
 */

/** The node hit is down, as the topology decides it: the first +odown (Sentinel), a node flagging it fail (Cluster). */
export const DETECTED: readonly string[] = ['+odown', 'node-fail'];
/** A replica took over: +switch-master (Sentinel), a replica reporting role master (Cluster). */
export const PROMOTED: readonly string[] = ['+switch-master', 'promoted'];
/** The first sign of down, one sentinel's own view included (the outage breakdown's detection). */
export const SUSPECTED: readonly string[] = ['+sdown', ...DETECTED];

/** When the first event of these types came, at or after t0 (ms after t0); null: never. */
export function firstAt(events: readonly TimelineEvent[], types: readonly string[]): number | null {
  const hit = events.filter((e) => types.includes(e.type) && e.atMs >= 0).sort((a, b) => a.atMs - b.atMs)[0];
  return hit ? hit.atMs : null;
}

/** Did a watcher see a promotion since t0 (monotonic ms)? */
export const promotedSince = (t0: number, watchers: readonly { events: readonly RawEvent[] }[]): boolean =>
  watchers.some((w) => w.events.some((e) => e.at >= t0 && PROMOTED.includes(e.type)));
