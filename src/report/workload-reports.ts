import chalk from 'chalk';
import type { WorkloadReport } from '../scenarios/workloads/types.js';
import { table } from './nodes-table.js';

/** One run's workloads (smoke): a row each, its figures as `name value` pairs, and whether every invariant held. */
export function workloadReportsTable(reports: WorkloadReport[]): string {
  return table(
    ['workload', 'figures', 'result'],
    reports.map((w) => [
      w.workload,
      Object.entries(w.figures)
        .map(([k, v]) => `${k} ${v ?? '-'}`)
        .join(', '),
      w.problems.length ? chalk.red(`FAIL (${w.problems.length})`) : chalk.green('ok'),
    ]),
  );
}
