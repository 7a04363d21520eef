/** One observed event of the topology (a sentinel message, a cluster flag change) or of the trial itself. */
export interface TimelineEvent {
  /** Milliseconds after t0 (negative: before the fault). */
  atMs: number;
  /** Wall-clock epoch milliseconds, to line a run up with other logs. */
  epochMs: number;
  /** e.g. `+sdown`, `+odown`, `+switch-master`, `+failover-end`, `node-fail`, `promoted`, `fault`, `heal`. */
  type: string;
  /** Who reported it: `sentinel-2`, `node-4`, `redis-arc`. */
  source: string;
  detail: string;
}

/** An event as observed, on the monotonic clock; placed relative to t0 once the trial knows it. */
export interface RawEvent {
  at: number;
  epochMs: number;
  type: string;
  source: string;
  detail: string;
}

export function observed(type: string, source: string, detail: string): RawEvent {
  return { at: performance.now(), epochMs: Date.now(), type, source, detail };
}

export function relativeTo(t0: number, events: RawEvent[]): TimelineEvent[] {
  return events
    .map((e) => ({ atMs: Math.round(e.at - t0), epochMs: e.epochMs, type: e.type, source: e.source, detail: e.detail }))
    .sort((a, b) => a.atMs - b.atMs);
}

/** A watcher records events until stopped. */
export interface Watcher {
  events: RawEvent[];
  stop(): Promise<void>;
}
