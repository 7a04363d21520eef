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
  console.log(nodesTable(r.nodes));
  console.log(chalk.bold('Connect:'));
  for (const line of formatConnection(r.connection)) console.log(`  ${line}`);
  console.log(`Next: ${chalk.cyan('redis-arc status')}, then ${chalk.cyan('redis-arc down')}`);
}

/** Beyond this many nodes the table shows the first ones and counts the rest (`status` lists them live, `--json` all). */
const NODES_SHOWN = 12;

export function nodesTable(nodes: UpResult['nodes']): string {
  const shown = nodes.slice(0, NODES_SHOWN);
  const rest = nodes.slice(NODES_SHOWN);
  const roles = [...new Set(rest.map((n) => n.role))].map(
    (role) => `${rest.filter((n) => n.role === role).length} ${role}${rest.filter((n) => n.role === role).length === 1 ? '' : 's'}`,
  );
  const more = rest.length ? `\n… and ${rest.length} more node(s): ${roles.join(', ')} (redis-arc status, or --json)` : '';
  return (
    table(
      ['node', 'planned role', 'address'],
      shown.map((n) => [n.id, n.role, `${n.host}:${n.port}`]),
    ) + more
  );
}
