import { summarize } from '../failover/measure/metrics.js';
import { CLAIMS, SEED_DOWN_AFTER_MS, SEED_FAILOVER_MS } from './claims.js';
import type { CompareFailover, CompareRow } from './types.js';
import { lower, NOISE, notMeasured, pct, range, row, s } from './verdict-text.js';

/** The table's failover rows: failover time of each topology, a planned failover, which fails over faster. */

export function failoverText(r: CompareFailover): string {
  const { detect_ms, promote_ms, write_gap_ms, lost } = r.summary;
  const lostText = lost.min === lost.max ? `${lost.median ?? 0}` : `${lost.min}-${lost.max}`;
  // A planned failover has no failure to detect, and its pause in writes can come well after t0: the outage is its length.
  const planned = r.fault !== 'kill';
  const detect = detect_ms.median === null && planned ? '' : `detect ${range(detect_ms)}, `;
  const outage = planned ? `, write outage ${range(summarize(outages(r)))}` : '';
  return `${r.fault}: ${detect}promote ${range(promote_ms)}, write gap ${range(write_gap_ms)}${outage}, lost ${lostText} acked job(s), ${r.trials.length} trial(s)`;
}

const isMeasured = (ms: number | null): ms is number => ms !== null;
/** Within the analysis' "5-10 seconds". */
const inSeedWindow = (ms: number) => ms >= SEED_FAILOVER_MS.min && ms <= SEED_FAILOVER_MS.max;

/** Write gaps of every trial; null: writes never came back in that trial. */
const gaps = (r: CompareFailover) => r.trials.map((t) => t.metrics.write_gap_ms);
/** The longest pause in acknowledged writes of every trial (METRICS.md `write_outage_ms`). */
export const outages = (r: CompareFailover) => r.trials.map((t) => t.metrics.write_outage_ms);
const lostNote = (r: CompareFailover) => (r.summary.lost.max ? `; ${r.summary.lost.max} acknowledged job(s) lost in a trial` : '');

/** "5-10 seconds" after a crash: the window the analysis gives, at the detection time it configured. */
export function failoverTime(c: { claim: string; source: string }, r: CompareFailover | undefined, downAfterMs: number): CompareRow {
  if (!r || !r.trials.length) return notMeasured(c, 'failover', 'topology not in this run');
  const measured = failoverText(r);
  const g = gaps(r);
  const back = g.filter(isMeasured);
  if (back.length < g.length)
    return row(c, 'failover', measured, 'does not hold', `writes did not come back in ${g.length - back.length} trial(s)${lostNote(r)}`);
  const inWindow = back.every(inSeedWindow);
  if (inWindow) return row(c, 'failover', measured, 'holds', `every write gap within 5-10 s at down-after ${downAfterMs} ms${lostNote(r)}`);
  if (downAfterMs !== SEED_DOWN_AFTER_MS) {
    return row(
      c,
      'failover',
      measured,
      'depends',
      `on down-after-milliseconds / cluster-node-timeout: ${downAfterMs} ms here, the analysis' 5-10 s assumes its ${SEED_DOWN_AFTER_MS} ms${lostNote(r)}`,
    );
  }
  return row(c, 'failover', measured, 'does not hold', `write gaps outside 5-10 s at the analysis' own down-after ${SEED_DOWN_AFTER_MS} ms${lostNote(r)}`);
}

/**
 * The analysis gives one failover time; a planned failover (SENTINEL FAILOVER, CLUSTER FAILOVER)
 * skips detection. Judged on the write outage: writes pause for a moment that may come seconds
 * after t0 (a client leaving the old master late), so the gap's end says little about the pause.
 */
export function plannedFailover(sentinel: CompareFailover | undefined, cluster: CompareFailover | undefined): CompareRow {
  const c = { claim: 'Failover Time: 5-10 seconds (also for a planned failover)', source: CLAIMS.failoverSentinel.source };
  const runs = [sentinel, cluster].filter((r): r is CompareFailover => Boolean(r?.trials.length));
  if (!runs.length) return notMeasured(c, 'failover', 'no sentinel or cluster in this run');
  const measured = runs.map((r) => `${r.kind} ${failoverText(r)}`).join('; ');
  const all = runs.flatMap((r) => r.trials.map((t) => (t.metrics.write_gap_ms === null ? null : t.metrics.write_outage_ms)));
  const lost = runs.map(lostNote).join('');
  const paused = all.filter(isMeasured);
  if (paused.length < all.length) return row(c, 'failover', measured, 'does not hold', `writes did not come back after a planned failover${lost}`);
  if (paused.every(inSeedWindow)) return row(c, 'failover', measured, 'holds', `planned failovers also pause writes for 5-10 s${lost}`);
  const longest = Math.max(...paused);
  const { median } = summarize(paused);
  if (median === null) throw new Error('plannedFailover: no write outage to summarize, yet the runs kept had trials');
  if (longest < SEED_FAILOVER_MS.min)
    return row(
      c,
      'failover',
      measured,
      'does not hold',
      `a planned failover skips failure detection: writes paused ${s(median)} (median), at most ${s(longest)}, not 5-10 s${lost}`,
    );
  if (median < SEED_FAILOVER_MS.min)
    return row(
      c,
      'failover',
      measured,
      'does not hold',
      `a planned failover skips failure detection: writes paused ${s(median)} (median), the longest ${s(longest)}${lost}`,
    );
  return row(c, 'failover', measured, 'does not hold', `write outages outside 5-10 s${lost}`);
}

export function fasterFailover(sentinel: CompareFailover | undefined, cluster: CompareFailover | undefined, trials: number): CompareRow {
  const c = CLAIMS.fasterFailover;
  const sg = sentinel?.summary.write_gap_ms.median;
  const cg = cluster?.summary.write_gap_ms.median;
  if (sg == null || cg == null) return notMeasured(c, 'failover', 'needs a crash failover with a write gap on both sentinel and cluster');
  const measured = `median write gap after SIGKILL: sentinel ${s(sg)}, cluster ${s(cg)} (sentinel/cluster ${pct(sg, cg)})`;
  const few = trials < 3 ? `; ${trials} trial(s): rerun with --trials 5 before deciding` : '';
  const which = lower(sg, cg);
  if (which === 'a') return row(c, 'failover', measured, 'holds', `sentinel's gap is shorter by more than ${NOISE * 100}%${few}`);
  if (which === 'b')
    return row(c, 'failover', measured, 'does not hold', `cluster's gap is shorter by more than ${NOISE * 100}% at matched detection time${few}`);
  return row(c, 'failover', measured, 'does not hold', `within ${NOISE * 100}%: at matched down-after / node-timeout neither fails over faster${few}`);
}
