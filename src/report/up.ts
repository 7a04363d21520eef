import chalk from 'chalk';
import { formatConnection, type ConnectionInfo } from './connection.js';
import { table } from './nodes-table.js';

/** What `up` did, as `up --json` prints it. */
export interface UpResult {
  name: string;
  kind: string;
  runtime: string;
  healthy: true;
  alreadyRunning: boolean;
  started: string[];
  elapsedMs: number;
  nodes: { id: string; role: string; host: string; port: number }[];
  connection: ConnectionInfo;
}

/** The nodes table, how to connect, and what to run next. */
export function printUp(r: UpResult): void {
  console.log(
    table(
      ['node', 'planned role', 'address'],
      r.nodes.map((n) => [n.id, n.role, `${n.host}:${n.port}`]),
    ),
  );
  console.log(chalk.bold('Connect:'));
  for (const line of formatConnection(r.connection)) console.log(`  ${line}`);
  console.log(`Next: ${chalk.cyan('redis-arc status')}, then ${chalk.cyan('redis-arc down')}`);
}
