import { readdir, readFile, readlink } from 'node:fs/promises';
import type { NodePlan } from '../../topology/types.js';
import type { LocalPaths } from './paths.js';
import { liveness, procStart, type Identity, type Liveness } from './process.js';
import type { LocalState } from './state.js';

export interface FoundProcess extends Identity {
  id: string;
  liveness: Exclude<Liveness, 'gone' | 'reused'>;
}

/**
 * The live processes of a topology, found three ways so that `down` works after a crash at any
 * moment: the state file, each node's pid file, and (Linux) any redis process whose working
 * folder is the node's folder. Every candidate is verified before it is reported.
 */
export async function findProcesses(paths: LocalPaths, nodes: NodePlan[], state: LocalState | undefined): Promise<FoundProcess[]> {
  // Reading every process' working folder is the slow way: only done when a node is not found otherwise.
  let byCwd: Map<string, number[]> | undefined;
  const found: FoundProcess[] = [];
  for (const node of nodes) {
    const candidates: Identity[] = [];
    const record = state?.nodes[node.id];
    if (record) candidates.push({ pid: record.pid, port: node.port, procStart: record.procStart });
    const fromFile = Number((await readFile(paths.pidfile(node.id), 'utf8').catch(() => '')).trim());
    if (fromFile) candidates.push({ pid: fromFile, port: node.port });

    const seen = new Set<number>();
    let hit = await firstLive(candidates, seen);
    if (!hit) {
      byCwd ??= await scanProc(paths);
      hit = await firstLive((byCwd.get(paths.nodeDir(node.id)) ?? []).map((pid) => ({ pid, port: node.port })), seen);
    }
    if (hit) found.push({ ...hit.identity, id: node.id, liveness: hit.liveness, procStart: hit.identity.procStart ?? (await procStart(hit.identity.pid)) });
  }
  return found;
}

async function firstLive(candidates: Identity[], seen: Set<number>): Promise<{ identity: Identity; liveness: FoundProcess['liveness'] } | undefined> {
  for (const c of candidates) {
    if (seen.has(c.pid)) continue;
    seen.add(c.pid);
    const l = await liveness(c);
    if (l === 'running' || l === 'paused') return { identity: c, liveness: l };
  }
  return undefined;
}

async function scanProc(paths: LocalPaths): Promise<Map<string, number[]>> {
  const out = new Map<string, number[]>();
  const entries = await readdir('/proc').catch(() => [] as string[]);
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const cwd = await readlink(`/proc/${entry}/cwd`).catch(() => undefined);
    if (!cwd?.startsWith(paths.root)) continue;
    out.set(cwd, [...(out.get(cwd) ?? []), Number(entry)]);
  }
  return out;
}
