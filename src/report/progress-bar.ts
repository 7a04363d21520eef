/** A bar, a count and the time left, for runs long enough to wonder about (several trials, bench runs). */
export interface BarState {
  done: number;
  total: number;
  unit: string;
  startedMs: number;
}

const WIDTH = 16;

/** `m:ss`, or `h:mm:ss` past an hour. */
export function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(h ? 2 : 1, '0');
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

/**
 * `[██████░░░░░░░░░░] 2/5 trials, ~1:20 left`: the estimate is the mean time of the units done so
 * far times those left, so it appears once one unit is done.
 */
export function barLine(b: BarState, nowMs: number): string {
  const filled = b.total ? Math.round((b.done / b.total) * WIDTH) : 0;
  const bar = `[${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)}]`;
  const left = b.done > 0 && b.done < b.total ? `, ~${duration(((nowMs - b.startedMs) / b.done) * (b.total - b.done))} left` : '';
  return `${bar} ${b.done}/${b.total} ${b.unit}${left}`;
}
