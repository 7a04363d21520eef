import type { TimelineEvent } from './types.js';

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
