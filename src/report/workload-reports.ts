import chalk from 'chalk';
import type { WorkloadReport } from '../scenarios/workloads/types.js';

/** One run's workloads (smoke): a line each, whether every invariant held, then its figures (a table would be too wide: each has its own). */
export function workloadReportLines(reports: WorkloadReport[]): string[] {
  return reports.map((w) => {
    const result = w.problems.length ? chalk.red(`FAIL (${w.problems.length})`) : chalk.green('ok');
    const figures = Object.entries(w.figures).map(([k, v]) => `${k} ${v ?? '-'}`);
    return `${chalk.bold(w.workload)} ${result}: ${figures.join(', ')}`;
  });
}
