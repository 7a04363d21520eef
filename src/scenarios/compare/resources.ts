import { processesByCwd, rssKiB } from '../../system/proc.js';
import type { Topology } from '../../topology/types.js';

/** The processes running in a topology's folder and the sum of their resident memory. */
export async function footprint(dir: string): Promise<{ processes: number; rssKiB: number }> {
  const pids = [...(await processesByCwd(dir)).values()].flat();
  const rss = await Promise.all(pids.map(rssKiB));
  return { processes: pids.length, rssKiB: rss.reduce<number>((sum, k) => sum + (k ?? 0), 0) };
}

/** Ports the plan makes the topology listen on: each node's port, and a cluster node's bus port. */
export const portsOf = (t: Topology): number => t.nodes.reduce((n, node) => n + 1 + (node.busPort ? 1 : 0), 0);
