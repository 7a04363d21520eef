import chalk from 'chalk';
import type { HealthReport, Verdict } from '../probe/health-report.js';
import { table } from './nodes-table.js';

const VERDICT: Record<Verdict, (s: string) => string> = { healthy: chalk.green, degraded: chalk.yellow, down: chalk.red };
const dash = (v: unknown) => (v === undefined || v === null ? '-' : String(v));

export function printHealth(r: HealthReport): void {
  const cluster = r.kind === 'cluster';
  const head = ['node', 'address', 'role', 'link', 'offset', 'lag', 'clients', 'memory', ...(cluster ? ['slots', 'flags'] : [])];
  const rows = r.nodes.map((n) => [
    n.name ?? '-',
    n.address,
    n.reachable ? dash(n.role) : chalk.red('unreachable'),
    n.role === 'replica' ? dash(n.link) : '-',
    dash(n.offset),
    n.lagBytes !== undefined || n.lagSeconds !== undefined ? `${dash(n.lagBytes)} B / ${dash(n.lagSeconds)} s` : '-',
    dash(n.clients),
    dash(n.memoryHuman),
    ...(cluster ? [dash(n.slots), (n.flags ?? []).join(',') || '-'] : []),
  ]);
  console.log(table(head, rows));
  if (r.sentinels.length) {
    console.log(
      table(
        ['sentinel', 'address', 'master', 'replicas', 'other sentinels', 'quorum', 'ckquorum'],
        r.sentinels.map((s) => [
          s.name ?? '-',
          s.address,
          s.reachable ? dash(s.master) : chalk.red('unreachable'),
          s.knownReplicas === undefined ? '-' : `${dash(s.usableReplicas)}/${s.knownReplicas}`,
          dash(s.otherSentinels),
          dash(s.quorum),
          s.ckquorum ? (s.ckquorum.ok ? 'OK' : chalk.red('NO')) : '-',
        ]),
      ),
    );
  }
  if (r.cluster) {
    const c = r.cluster;
    console.log(`cluster: state ${c.state}, ${c.slotsAssigned} slots assigned, ${c.slotsOk} ok, ${c.knownNodes} nodes, ${c.size} shards`);
  }
  console.log(`${VERDICT[r.verdict](r.verdict.toUpperCase())}${r.master ? `  master ${r.master}` : ''}`);
  for (const p of r.problems) console.log(`  - ${p}`);
}
