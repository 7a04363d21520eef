import chalk from 'chalk';
import type { WorkloadSummary } from '../scenarios/failover/workload-summaries.js';
import { spread } from './failover-profiles.js';
import { table } from './nodes-table.js';

/**
 * `--workload`: one table per workload (each has figures of its own), a row per client profile,
 * each figure as `median (min–max)` over the trials. The broken invariants are the trials' own lines.
 */
export function workloadSections(summaries: WorkloadSummary[]): string[] {
  const out: string[] = [];
  const byWorkload = new Map<string, WorkloadSummary[]>();
  for (const s of summaries) byWorkload.set(s.workload, [...(byWorkload.get(s.workload) ?? []), s]);
  for (const [workload, rows] of byWorkload) {
    const figures = [...new Set(rows.flatMap((r) => Object.keys(r.figures)))];
    const head = ['client', 'trials', ...figures.map((f) => f.replace(/_/g, '\n')), 'problems'];
    const body = rows.map((r) => [
      r.profile,
      r.trials,
      ...figures.map((f) => {
        const s = r.figures[f];
        return s ? spread(s) : '-';
      }),
      r.problems.length ? chalk.red(problemKinds(r)) : chalk.green('none'),
    ]);
    out.push(`${chalk.bold(`\nworkload ${workload}`)}\n${table(head, body)}`);
  }
  return out;
}

/** `lost in 3 trials, stuck in 1`. */
function problemKinds(r: WorkloadSummary): string {
  return Object.entries(r.trialsWith)
    .map(([kind, n]) => `${kind} in ${n}`)
    .join(', ');
}
