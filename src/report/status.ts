import chalk from 'chalk';
import { formatSlotRanges } from '../probe/cluster-nodes.js';
import { formatEndpoint, type Endpoint } from '../redis/endpoint.js';
import type { DataNodeStatus, HealthReport, SentinelStatus, Verdict } from '../probe/health-report.js';
import { safeLine } from '../errors/redact.js';
import { table } from './nodes-table.js';

const VERDICT: Record<Verdict, (s: string) => string> = { healthy: chalk.green, degraded: chalk.yellow, down: chalk.red };
const dash = (v: string | number | boolean | null | undefined) => (v === undefined || v === null ? '-' : String(v));
const address = (ep: Endpoint | undefined) => ep && formatEndpoint(ep);

/** `status --json`: the report with addresses as `host:port` and slots as `0-5460,10923` text. */
export type DataNodeStatusJson = Omit<DataNodeStatus, 'address' | 'master' | 'slots' | 'replicas'> & {
  address: string;
  master?: string;
  slots?: string;
  replicas?: string[];
};
export type SentinelStatusJson = Omit<SentinelStatus, 'address' | 'master'> & { address: string; master?: string };
export type HealthReportJson = Omit<HealthReport, 'master' | 'nodes' | 'sentinels'> & {
  master?: string;
  nodes: DataNodeStatusJson[];
  sentinels: SentinelStatusJson[];
};

// Spreading first keeps every key where the report has it, so the JSON reads in the same order
// (a key left undefined is not printed, as before).
const nodeJson = (n: DataNodeStatus): DataNodeStatusJson => ({
  ...n,
  address: formatEndpoint(n.address),
  master: address(n.master),
  slots: n.slots && formatSlotRanges(n.slots),
  replicas: n.replicas?.map(formatEndpoint),
});

const sentinelJson = (s: SentinelStatus): SentinelStatusJson => ({ ...s, address: formatEndpoint(s.address), master: address(s.master) });

export const healthJson = (r: HealthReport): HealthReportJson => ({
  ...r,
  master: address(r.master),
  nodes: r.nodes.map(nodeJson),
  sentinels: r.sentinels.map(sentinelJson),
});

export function printHealth(r: HealthReport): void {
  const cluster = r.kind === 'cluster';
  const head = ['node', 'address', 'role', 'link', 'offset', 'lag', 'clients', 'memory', ...(cluster ? ['slots', 'flags'] : [])];
  const rows = r.nodes.map((n) => [
    n.name ?? '-',
    formatEndpoint(n.address),
    n.reachable ? dash(n.role) : chalk.red('unreachable'),
    n.role === 'replica' ? dash(n.link) : '-',
    dash(n.offset),
    n.lagBytes !== undefined || n.lagSeconds !== undefined ? `${dash(n.lagBytes)} B / ${dash(n.lagSeconds)} s` : '-',
    dash(n.clients),
    dash(n.memoryHuman),
    ...(cluster ? [dash(n.slots && formatSlotRanges(n.slots)), (n.flags ?? []).join(',') || '-'] : []),
  ]);
  console.log(table(head, rows));
  if (r.sentinels.length) {
    console.log(
      table(
        ['sentinel', 'address', 'master', 'replicas', 'other sentinels', 'quorum', 'ckquorum'],
        r.sentinels.map((s) => [
          s.name ?? '-',
          formatEndpoint(s.address),
          s.reachable ? dash(address(s.master)) : chalk.red('unreachable'),
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
  console.log(`${VERDICT[r.verdict](r.verdict.toUpperCase())}${r.master ? `  master ${formatEndpoint(r.master)}` : ''}`);
  // Problems quote flag values and servers' replies: printed like error lines, never obeyed by the terminal.
  for (const p of r.problems) console.log(`  - ${safeLine(p)}`);
}
