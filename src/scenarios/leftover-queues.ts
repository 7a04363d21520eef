import { closeConnection, connect, whenReady, type Connection } from '../connect/connect.js';
import type { Target } from '../redis/target.js';
import { globEscape } from './keys.js';

/**
 * The queues redis-arc's scenarios make are named after the run (`keys` of a queue are
 * `<prefix>:<queue>:<suffix>`): failover-test `redis-arc-failover-<8 hex>` (its workloads'
 * `redis-arc-failover-<8 hex>-<workload>-…`), bench `redis-arc-bench-<scenario>-<8 hex>`, smoke
 * `redis-arc-smoke-…`. Each run removes them when it ends; a run killed before its cleanup
 * (kill -9, a lost machine) leaves them, and nothing else has names of this form.
 */
const RUN = /^(.*?):(redis-arc-failover-[0-9a-f]{8}|redis-arc-bench-[a-z-]+-[0-9a-f]{8}|redis-arc-smoke-[0-9a-z]+)(?=[-:])/;

export type RunKind = 'failover' | 'bench' | 'smoke';

/** The keys one run left: under `prefix`, every key whose queue name starts with `run`. */
export interface LeftoverRun {
  prefix: string;
  run: string;
  kind: RunKind;
  keys: number;
}

/**
 * Every master of a connection (a cluster spreads queues by their prefix's hash tag). A cluster
 * client knows its nodes only once ready.
 */
async function mastersOf(connection: Connection) {
  await whenReady(connection);
  return 'nodes' in connection && typeof connection.nodes === 'function' && connection.isCluster ? connection.nodes('master') : [connection];
}

/** SCAN calls per node (1000 keys each) a command looks for leftovers by the way: 100k keys, a fraction of a second. */
export const QUICK_SCANS = 100;

/**
 * The runs whose queue keys are on the topology now, by prefix and run, with their key counts.
 * `maxScans` bounds the SCAN calls per node (1000 keys each): `status` stays quick on a large
 * database, where a run's keys are then counted in part.
 */
export async function findLeftoverRuns(connection: Connection, maxScans = Number.POSITIVE_INFINITY): Promise<LeftoverRun[]> {
  const runs = new Map<string, LeftoverRun>();
  for (const node of await mastersOf(connection)) {
    let cursor = '0';
    let scans = 0;
    do {
      if (++scans > maxScans) break;
      const [next, keys] = await node.scan(cursor, 'MATCH', '*:redis-arc-*', 'COUNT', 1000);
      cursor = next;
      for (const key of keys) {
        const m = RUN.exec(key);
        const [prefix, run] = [m?.[1], m?.[2]];
        if (prefix === undefined || run === undefined) continue;
        const id = `${prefix}\n${run}`;
        const seen = runs.get(id) ?? { prefix, run, kind: kindOf(run), keys: 0 };
        seen.keys++;
        runs.set(id, seen);
      }
    } while (cursor !== '0');
  }
  return [...runs.values()].sort((a, b) => a.run.localeCompare(b.run));
}

function kindOf(run: string): RunKind {
  return run.startsWith('redis-arc-failover-') ? 'failover' : run.startsWith('redis-arc-bench-') ? 'bench' : 'smoke';
}

/** Delete the keys of these runs (each `<prefix>:<run>` followed by `:` or `-`); returns how many went. */
export async function removeRuns(connection: Connection, runs: LeftoverRun[]): Promise<number> {
  let removed = 0;
  for (const node of await mastersOf(connection)) {
    for (const { prefix, run } of runs) {
      let cursor = '0';
      do {
        const [next, keys] = await node.scan(cursor, 'MATCH', `${globEscape(prefix)}:${globEscape(run)}[-:]*`, 'COUNT', 1000);
        cursor = next;
        // One key per UNLINK: a cluster node refuses a multi-key call across slots.
        for (const key of keys) removed += await node.unlink(key);
      } while (cursor !== '0');
    }
  }
  return removed;
}

/** One line naming the runs: `{bull}:redis-arc-failover-aa83889a (410 keys), …`. */
export function describeRuns(runs: LeftoverRun[], max = 3): string {
  const shown = runs.slice(0, max).map((r) => `${r.prefix}:${r.run} (${r.keys} key${r.keys === 1 ? '' : 's'})`);
  return `${shown.join(', ')}${runs.length > max ? `, and ${runs.length - max} more` : ''}`;
}

/**
 * failover-test on a topology of its project, under the project lock (no other failover-test of
 * the project can be running, so no queue of that form under its prefix is in use): the runs a
 * killed failover-test left under `prefix` are removed. Returns them (empty: nothing was there).
 */
export async function removeDeadFailoverRuns(target: Target, prefix: string): Promise<{ runs: LeftoverRun[]; removed: number }> {
  const conn = connect(target, 'producer');
  try {
    // Found with a bounded scan; each run found is then removed whole. What the bound missed, `status --remove-leftovers` removes.
    const runs = (await findLeftoverRuns(conn, QUICK_SCANS)).filter((r) => r.kind === 'failover' && r.prefix === prefix);
    return { runs, removed: runs.length ? await removeRuns(conn, runs) : 0 };
  } finally {
    await closeConnection(conn);
  }
}
