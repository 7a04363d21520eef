import { serverLabel } from '../servers/identity.js';
import chalk from 'chalk';
import type { FailoverResult, TrialResult, Verdict } from '../scenarios/failover/types.js';
import { profileLines, profilesTable } from './failover-profiles.js';
import { workloadSections } from './failover-workloads.js';
import { table } from './nodes-table.js';
import { renderTimeline } from './timeline.js';
import { clientVersions } from './client-versions.js';

/** Beyond this many trials only the last timeline is drawn: the pictures would bury the tables. */
const MAX_TIMELINES = 3;
const MAX_IDS_SHOWN = 5;

const VERDICT: Record<Verdict, (s: string) => string> = {
  ok: chalk.green,
  'consumer-stuck': chalk.red,
  'writes-stuck': chalk.red,
  'not-healed': chalk.red,
};

/** null means never observed, which is not the same as 0. */
const dash = (v: number | null | undefined) => (v === null || v === undefined ? '-' : String(v));
const gapWithOutage = (gap: number | null, outage: number | null) => (gap === null && outage === null ? '-' : `${dash(gap)} (${dash(outage)})`);
const count = (n: number) => (n > 0 ? chalk.red(String(n)) : String(n));

/** `1`, or `1 defaults` when several client profiles ran side by side. */
const trialLabel = (r: FailoverResult, t: TrialResult) => ((r.profiles?.length ?? 0) > 1 ? `${t.trial} ${t.client?.profile ?? ''}` : String(t.trial));

// Two tables rather than one of 14 columns: that one is ~150 characters wide and wraps on most terminals.
function timingTable(r: FailoverResult): string {
  const mixedFaults = r.trials.some((t) => t.fault !== r.fault);
  const bus = r.trials.some((t) => t.metrics.bus_dropped !== undefined);
  const head = [
    'trial',
    ...(mixedFaults ? ['fault'] : []),
    'target',
    'detect\nms',
    'promote\nms',
    'write gap\n(outage) ms',
    'consume gap\n(outage) ms',
    ...(bus ? ['bus\ndropped'] : []),
    'verdict',
  ];
  const rows = r.trials.map((t) => [
    trialLabel(r, t),
    ...(mixedFaults ? [t.fault] : []),
    `${t.target.id} (${t.target.role})`,
    dash(t.metrics.detect_ms),
    dash(t.metrics.promote_ms),
    gapWithOutage(t.metrics.write_gap_ms, t.metrics.write_outage_ms),
    gapWithOutage(t.metrics.consume_gap_ms, t.metrics.consume_outage_ms),
    ...(bus ? [dash(t.metrics.bus_dropped)] : []),
    VERDICT[t.verdict](t.verdict),
  ]);
  return table(head, rows);
}

function addsTable(r: FailoverResult): string {
  // Re-issued ids and overwritten records can only happen when BullMQ numbers the jobs: columns only then.
  const numbered = r.trials.some((t) => t.client?.jobIds === 'bullmq' || t.adds.reissued || t.adds.overwritten);
  const head = [
    'trial',
    'adds\nissued',
    'acked',
    'failed',
    'indeterminate',
    'lost',
    'recovered',
    'duplicated',
    'failed but\npresent',
    ...(numbered ? ['re-issued\nids', 'over-\nwritten'] : []),
  ];
  const rows = r.trials.map((t) => {
    const a = t.adds;
    return [
      trialLabel(r, t),
      a.issued,
      a.acked,
      a.failed,
      a.indeterminate,
      count(a.lost),
      a.recovered,
      count(a.duplicated),
      count(a.failedButPresent),
      ...(numbered ? [count(a.reissued), count(a.overwritten)] : []),
    ];
  });
  return table(head, rows);
}

function summaryTable(r: FailoverResult): string {
  const rows = Object.entries(r.summary).map(([metric, s]) => [metric, dash(s.min), dash(s.median), dash(s.max)]);
  return table([`over ${r.trials.length} trials`, 'min', 'median', 'max'], rows);
}

function ids(list: string[]): string {
  return list.slice(0, MAX_IDS_SHOWN).join(', ') + (list.length > MAX_IDS_SHOWN ? ', …' : '');
}

/** What a trial's table row cannot hold: the notes, and which adds went wrong. */
function trialLines(r: FailoverResult, t: TrialResult): string[] {
  const name = `trial ${trialLabel(r, t)}`;
  const lines = t.notes.map((n) => `${name}: ${n}`);
  if (t.client && t.client.profile !== 'redis-arc')
    lines.unshift(
      `${name}: client ${t.client.profile} (bullmq ${t.client.bullmq}, ioredis ${t.client.ioredis}, job ids by ${t.client.jobIds === 'bullmq' ? 'BullMQ' : 'the load'})`,
    );
  if (t.adds.lostIds.length) lines.push(chalk.red(`${name}: lost ${ids(t.adds.lostIds)}`));
  if (t.adds.gone)
    lines.push(chalk.red(`${name}: ${t.adds.gone} acknowledged jobs' records are gone from the final master, processed or not: ${ids(t.adds.goneIds ?? [])}`));
  if (t.adds.duplicatedIds.length) lines.push(chalk.red(`${name}: duplicated ${ids(t.adds.duplicatedIds)}`));
  if (t.adds.reissuedIds.length) lines.push(chalk.red(`${name}: BullMQ returned these job ids for more than one add: ${ids(t.adds.reissuedIds)}`));
  if (t.adds.overwrittenIds.length)
    lines.push(chalk.red(`${name}: these acknowledged jobs' records now hold another job's data: ${ids(t.adds.overwrittenIds)}`));
  for (const e of t.adds.errors) lines.push(`${name}: ${e.count} add(s) got: ${e.message}`);
  // More than one node acknowledged adds (a failover, a split brain): which, and what each lost.
  const byNode = t.adds.byNode ?? [];
  if (byNode.length > 1) lines.push(`${name}: acked by ${byNode.map((n) => `${n.node} ${n.acked} (${n.lost} lost)`).join(', ')}`);
  return lines;
}

function thresholdsLine(r: FailoverResult): string | undefined {
  const { maxWriteGapMs, maxLost } = r.thresholds;
  const set = [...(maxWriteGapMs !== undefined ? [`write gap ≤ ${maxWriteGapMs} ms`] : []), ...(maxLost !== undefined ? [`lost ≤ ${maxLost}`] : [])];
  return set.length ? `thresholds: ${set.join(', ')}` : undefined;
}

export function printFailover(r: FailoverResult): void {
  const plural = r.trials.length === 1 ? '' : 's';
  const firstProfile = r.profiles?.[0];
  const clients = r.profiles && r.profiles.length > 1 ? r.profiles.length : 0;
  const trials = clients && firstProfile ? `${firstProfile.trials} trial(s) × ${clients} clients, interleaved` : `${r.trials.length} trial${plural}`;
  console.log(`${chalk.bold('failover-test')}: ${r.kind}, fault ${r.fault}, ${r.mode} mode, ${r.rate} adds/s, ${trials}`);
  const e = r.environment;
  // With --client the libraries that ran are the profiles' (--app-dir: the application's), not redis-arc's.
  const libs = clientVersions(r.trials.flatMap((t) => (t.client ? [t.client] : []))) ?? `BullMQ ${e?.bullmq ?? 'unknown'}`;
  if (e) console.log(chalk.dim(`${serverLabel(e.server, e.redisVersion)}, Node ${e.node}, ${libs}, ${e.cpus} cores`));
  if (!r.trials.length) return;
  console.log(timingTable(r));
  console.log(addsTable(r));
  // One trial's min, median and max are its own row again.
  if (r.trials.length > 1 && !(r.profiles && r.profiles.length > 1)) console.log(summaryTable(r));
  if (r.profiles && firstProfile) {
    console.log(chalk.bold(`\nclients side by side (median (min–max) over ${firstProfile.trials} trial(s) each, interleaved)`));
    console.log(profilesTable(r.profiles));
    for (const line of profileLines(r.profiles)) console.log(line);
  }

  if (r.workloads?.length) for (const section of workloadSections(r.workloads)) console.log(section);

  const drawn = r.trials.length > MAX_TIMELINES ? r.trials.slice(-1) : r.trials;
  if (drawn.length < r.trials.length) console.log(chalk.dim(`timeline of the last trial only (of ${r.trials.length})`));
  for (const t of drawn) {
    console.log(`\n${chalk.bold(`trial ${trialLabel(r, t)}`)}: ${t.fault} ${t.target.id} (${t.target.role}) at ${new Date(t.t0EpochMs).toISOString()}`);
    for (const line of renderTimeline(t)) console.log(line);
  }

  const lines = r.trials.flatMap((t) => trialLines(r, t));
  if (lines.length) console.log(`\n${lines.join('\n')}`);
  const raced = r.trials.filter((t) => t.faultEndedMs !== undefined && t.metrics.promote_ms !== null && t.faultEndedMs < t.metrics.promote_ms).length;
  if (raced) console.log(chalk.yellow(`the node hit was back before the promotion in ${raced} of ${r.trials.length} trial(s)`));
  const thresholds = thresholdsLine(r);
  if (thresholds) console.log(r.breaches.length ? thresholds : chalk.green(`${thresholds}: met`));
  for (const b of r.breaches) console.log(chalk.red(`breach: ${b}`));
}
