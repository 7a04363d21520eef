import chalk from 'chalk';
import type { DoctorReport, Finding, LiveSummary, Severity } from '../doctor/finding.js';
import { safeLine } from '../errors/redact.js';

const MARK: Record<Severity, string> = {
  error: chalk.red('error  '),
  warning: chalk.yellow('warning'),
  info: chalk.blue('info   '),
};

export function printDoctor(r: DoctorReport): void {
  const spec = r.findings.filter((f) => f.source === 'spec');
  const live = r.findings.filter((f) => f.source === 'live');
  if (r.clients) {
    printClients(r, r.clients);
    return;
  }
  if (r.spec !== undefined) console.log(chalk.bold(`spec ${r.spec}${spec.length === 0 ? ': no findings' : ''}`));
  for (const f of spec) printSpecFinding(f);
  printLiveHeader(r.live);
  for (const f of live) printLiveFinding(f);
  if (r.live.checked && live.length === 0) console.log('        no findings');
  const summary = `${r.errors} error${r.errors === 1 ? '' : 's'}, ${r.warnings} warning${r.warnings === 1 ? '' : 's'}`;
  if (r.errors) console.log(chalk.red(summary));
  else if (r.warnings) console.log(chalk.yellow(summary));
  else if (!r.live.checked) console.log(chalk.green(`${summary} in the spec (live checks skipped)`));
  // "Ready" only when the key scan saw every key: a capped scan may have missed un-tagged queues.
  else if (r.findings.some((f) => f.rule === 'key-scan')) console.log(chalk.green(`${summary} in what was scanned (raise --scan-limit to see every key)`));
  else console.log(chalk.green(`${summary}: ready for BullMQ`));
}

function printSpecFinding(f: Finding): void {
  console.log(`${MARK[f.severity]} ${chalk.bold(f.path)}: ${safeLine(f.message)}`);
  console.log(`        fix: ${safeLine(f.fix)}`);
}

function printLiveHeader(live: LiveSummary): void {
  if (!live.checked) {
    console.log(chalk.bold(safeLine(`live checks skipped${live.target ? ` (${live.target})` : ''}: ${live.reason}`)));
    return;
  }
  const sentinels = live.sentinels ? `, ${live.sentinels.reachable}/${live.sentinels.total} sentinels` : '';
  console.log(chalk.bold(`live ${safeLine(live.target)}: ${live.nodes.reachable}/${live.nodes.total} data nodes${sentinels} answered`));
  if (live.scan) {
    const s = live.scan;
    const queues = s.queues.map((q) => `${q.prefix}:${q.name} (${q.tagged ? 'tagged' : `un-tagged, ${q.slots} slot${q.slots === 1 ? '' : 's'}`})`).join(', ');
    console.log(
      `        scanned ${s.keysScanned} keys on ${s.masters} master${s.masters === 1 ? '' : 's'}${s.capped.length ? ` (capped on ${s.capped.length})` : ''}; BullMQ queues: ${queues || 'none'}`,
    );
  }
}

function printLiveFinding(f: Finding): void {
  const where = f.nodes?.length ? ` on ${f.nodes.join(', ')}` : '';
  // Live findings quote what the servers answered: printed like error lines, never obeyed by the terminal.
  console.log(`${MARK[f.severity]} ${chalk.bold(f.path)}${f.observed !== undefined ? ` = ${safeLine(String(f.observed))}` : ''}${where}`);
  console.log(`        ${safeLine(f.message)}`);
  console.log(`        fix: ${safeLine(f.fix)}${f.specKey ? ` (spec: ${f.specKey})` : ''}`);
}

/** `doctor --client`: the settings each module hands BullMQ, and what they cost in a failover. */
function printClients(r: DoctorReport, clients: string[]): void {
  console.log(
    chalk.bold(`client ${safeLine(clients.join(', '))}: ${safeLine(r.live.checked ? '' : r.live.reason)}${r.findings.length === 0 ? '; no findings' : ''}`),
  );
  for (const f of r.findings) printLiveFinding(f);
  const summary = `${r.errors} error${r.errors === 1 ? '' : 's'}, ${r.warnings} warning${r.warnings === 1 ? '' : 's'}`;
  console.log(r.errors ? chalk.red(summary) : r.warnings ? chalk.yellow(summary) : chalk.green(summary));
}
