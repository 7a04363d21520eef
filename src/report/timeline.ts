import chalk from 'chalk';
import type { TimelineSeries, TrialResult } from '../scenarios/failover/types.js';
import { DETECTED, PROMOTED } from '../scenarios/watch/events.js';

/** Width of the row labels left of the chart, so column c of the chart is character GUTTER + c of a line. */
export const TIMELINE_GUTTER = 8;

const BLOCKS = '▁▂▃▄▅▆▇█';
/** Tick spacing must leave room for a label such as `-12.5s`. */
const MIN_TICK_GAP_COLUMNS = 8;
const TICK_STEPS_MS = [100, 200, 500, 1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000];

/** The event types worth a letter under the axis (and a line in the HTML report); F (t0) is always drawn. The full list is in the JSON result. */
/** The letters of the marked moments: fault, detection, promotion, heal. */
export type MarkerLetter = 'F' | 'D' | 'P' | 'H';

export const MARKERS: { letter: MarkerLetter; meaning: string; types: readonly string[] }[] = [
  { letter: 'F', meaning: 'fault (t0)', types: [] },
  { letter: 'D', meaning: `down detected (${DETECTED.join(', ')})`, types: DETECTED },
  { letter: 'P', meaning: `promoted (${PROMOTED.join(', ')})`, types: PROMOTED },
  { letter: 'H', meaning: 'fault healed', types: ['heal'] },
];

/** How buckets map to columns: `factor` adjacent buckets are summed into one column. */
interface Grid {
  series: TimelineSeries;
  buckets: number;
  factor: number;
  columns: number;
}

function makeGrid(series: TimelineSeries, width: number): Grid {
  const buckets = Math.max(series.acks.length, series.completions.length, series.failures.length);
  const factor = Math.max(1, Math.ceil(buckets / width));
  return { series, buckets, factor, columns: Math.ceil(buckets / factor) };
}

function columnOf(g: Grid, atMs: number): number | undefined {
  const bucket = Math.floor((atMs - g.series.startMs) / g.series.bucketMs);
  return bucket >= 0 && bucket < g.buckets ? Math.floor(bucket / g.factor) : undefined;
}

/** Events per second in each column (the last column may hold fewer buckets). */
function columnRates(g: Grid, counts: number[]): number[] {
  return Array.from({ length: g.columns }, (_, c) => {
    const from = c * g.factor;
    const spanMs = Math.min(g.factor, g.buckets - from) * g.series.bucketMs;
    const sum = counts.slice(from, from + g.factor).reduce((a, b) => a + b, 0);
    return (sum * 1000) / spanMs;
  });
}

/** Scaled to the row's own peak; any non-zero value shows at least ▁ so a single failure is visible. */
function sparkline(rates: number[]): string {
  const peak = Math.max(0, ...rates);
  return rates.map((r) => (r > 0 ? BLOCKS[Math.min(7, Math.ceil((r / peak) * 8) - 1)] : ' ')).join('');
}

function axis(g: Grid): [string, string] {
  const colMs = g.factor * g.series.bucketMs;
  const stepMs = TICK_STEPS_MS.find((ms) => ms / colMs >= MIN_TICK_GAP_COLUMNS) ?? colMs * MIN_TICK_GAP_COLUMNS;
  const line = Array<string>(g.columns).fill('─');
  const labels = Array<string>(g.columns).fill(' ');
  let free = 0;
  for (let t = Math.ceil(g.series.startMs / stepMs) * stepMs; ; t += stepMs) {
    const col = columnOf(g, t);
    if (col === undefined) break;
    line[col] = '┬';
    const label = `${t / 1000}s`;
    if (col < free || col + label.length > g.columns) continue;
    labels.splice(col, label.length, ...label);
    free = col + label.length + 1;
  }
  return [line.join(''), labels.join('').trimEnd()];
}

/** Letters stack onto extra rows rather than hide each other when two events share a column. */
function markerRows(marks: { col: number; letter: string }[], columns: number): string[] {
  const rows: string[][] = [];
  for (const { col, letter } of marks) {
    let row = rows.find((r) => r[col] === ' ' || r[col] === letter);
    if (!row) rows.push((row = Array<string>(columns).fill(' ')));
    row[col] = letter;
  }
  return rows.map((r) => r.join('').trimEnd());
}

function defaultWidth(): number {
  return process.stdout.isTTY && process.stdout.columns ? process.stdout.columns - 20 : 100;
}

const seconds = (ms: number) => `${ms >= 0 ? '+' : ''}${(ms / 1000).toFixed(1)} s`;

/** A picture of one trial's load around the fault: acks, completions and failures per second, with event markers. */
export function renderTimeline(trial: TrialResult, opts: { width?: number; color?: boolean } = {}): string[] {
  const series = trial.timeline;
  const g = makeGrid(series, Math.max(10, opts.width ?? defaultWidth()));
  if (g.buckets === 0 || !(series.bucketMs > 0)) return ['(no load samples in this trial)'];
  const paint = (style: (s: string) => string, s: string) => ((opts.color ?? chalk.level > 0) ? style(s) : s);
  const label = (s: string) => s.padEnd(TIMELINE_GUTTER);

  const rows = [
    { name: 'acks', counts: series.acks, style: chalk.green },
    { name: 'done', counts: series.completions, style: chalk.cyan },
    { name: 'fail', counts: series.failures, style: chalk.red },
  ].map((r) => ({ ...r, rates: columnRates(g, r.counts) }));

  const marks: { col: number; letter: string }[] = [];
  const outside: string[] = [];
  const events = [{ atMs: 0, letter: 'F' }].concat(
    trial.events.flatMap((e) => MARKERS.filter((m) => m.types.includes(e.type)).map((m) => ({ atMs: e.atMs, letter: m.letter }))),
  );
  for (const e of events) {
    const col = columnOf(g, e.atMs);
    if (col === undefined) outside.push(`${e.letter} at ${seconds(e.atMs)}`);
    else marks.push({ col, letter: e.letter });
  }

  const [axisLine, axisLabels] = axis(g);
  const colMs = g.factor * series.bucketMs;
  const used = new Set(events.map((e) => e.letter));
  const peaks = rows.map((r) => `${r.name} ${Math.round(Math.max(0, ...r.rates))}/s`).join(', ');
  return [
    ...rows.map((r) => label(`${r.name}/s`) + paint(r.style, sparkline(r.rates))),
    label('') + axisLine,
    label('') + axisLabels,
    ...markerRows(marks, g.columns).map((row, i) => label(i === 0 ? 'events' : '') + paint(chalk.yellow.bold, row)),
    ...(outside.length ? [`outside the plotted range: ${outside.join(', ')}`] : []),
    MARKERS.filter((m) => used.has(m.letter))
      .map((m) => `${m.letter} ${m.meaning}`)
      .join(' · '),
    `1 column = ${colMs} ms${g.factor > 1 ? ` (${g.factor} buckets summed)` : ''}; each row scaled to its peak: ${peaks}`,
  ];
}
