import chalk from 'chalk';
import type { ProfileSummary } from '../scenarios/failover/profile-summaries.js';
import type { MetricSummary } from '../scenarios/failover/types.js';
import { table } from './nodes-table.js';

/** `median (min–max)`, or the one value when they agree; `-` when never observed. */
export function spread(s: MetricSummary): string {
  if (s.median === null) return '-';
  return s.min === s.max ? String(s.median) : `${s.median} (${s.min}–${s.max})`;
}

const bad = (s: MetricSummary) => (s.max !== null && s.max > 0 ? chalk.red(spread(s)) : spread(s));

/** One row per client profile: what the same fault cost each of them (`--client a,b,c`). */
export function profilesTable(profiles: ProfileSummary[]): string {
  const head = [
    'client',
    'bullmq /\nioredis',
    'write gap\nms',
    'consume gap\nms',
    'lost',
    'recovered',
    'dupli-\ncated',
    're-issued\nids',
    'over-\nwritten',
    'detection\nms',
    'election\nms',
    'client\nfollow ms',
    'verdict',
  ];
  const rows = profiles.map((p) => [
    p.client.profile,
    `${p.client.bullmq} /\n${p.client.ioredis}`,
    spread(p.write_gap_ms),
    spread(p.consume_gap_ms),
    bad(p.lost),
    spread(p.recovered),
    bad(p.duplicated),
    bad(p.reissued),
    bad(p.overwritten),
    spread(p.outage.detection_ms),
    spread(p.outage.election_ms),
    spread(p.outage.follow_ms),
    p.notOk.length ? chalk.red(`${p.notOk.length}/${p.trials} not ok`) : chalk.green(`${p.trials}/${p.trials} ok`),
  ]);
  return table(head, rows);
}

/** The lines a row cannot hold: which connection of which profile got stuck. */
export function profileLines(profiles: ProfileSummary[]): string[] {
  return profiles.flatMap((p) => [
    ...p.notOk.filter((n) => !p.stuck.some((s) => s.startsWith(`${n.split(':')[0]}:`))).map((n) => `${p.client.profile}: ${n}`),
    ...p.stuck.map((s) => chalk.red(`${p.client.profile}: ${s}`)),
  ]);
}
