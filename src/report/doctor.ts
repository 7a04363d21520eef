import chalk from 'chalk';
import type { DoctorReport, Severity } from '../doctor/finding.js';

const MARK: Record<Severity, string> = {
  error: chalk.red('error  '),
  warning: chalk.yellow('warning'),
  info: chalk.blue('info   '),
};

export function printDoctor(r: DoctorReport): void {
  for (const f of r.findings) {
    console.log(`${MARK[f.severity]} ${chalk.bold(f.path)}: ${f.message}`);
    console.log(`        fix: ${f.fix}`);
  }
  const summary = `${r.errors} error${r.errors === 1 ? '' : 's'}, ${r.warnings} warning${r.warnings === 1 ? '' : 's'}`;
  console.log(r.errors ? chalk.red(summary) : r.findings.length ? chalk.yellow(summary) : chalk.green(`${summary}: ready for BullMQ`));
}
