import chalk from 'chalk';
import { serverLabel } from '../servers/identity.js';
import type { SmokeResult } from '../scenarios/smoke/types.js';
import { table } from './nodes-table.js';
import { workloadReportLines } from './workload-reports.js';

export function printSmoke(r: SmokeResult): void {
  if (r.server) console.log(chalk.dim(`${serverLabel(r.server)} (${r.kind})`));
  console.log(
    table(
      ['mode', 'enqueued', 'acked', 'processed', 'duplicates', 'missing', 'left', 'time', 'result'],
      r.results.map((m) => [
        m.mode,
        m.enqueued,
        m.acked,
        m.processed,
        m.duplicates.length,
        m.missing.length,
        Object.values(m.leftover).reduce((a, b) => a + b, 0) + m.keysLeft,
        `${(m.elapsedMs / 1000).toFixed(2)} s`,
        m.ok ? chalk.green('ok') : chalk.red('FAIL'),
      ]),
    ),
  );
  for (const m of r.results) for (const p of m.problems) console.log(`  ${chalk.red(m.mode)}: ${p}`);
  if (r.workloads?.length) {
    for (const line of workloadReportLines(r.workloads)) console.log(line);
    for (const w of r.workloads) for (const p of w.problems) console.log(`  ${chalk.red(p.line)}`);
  }
}
