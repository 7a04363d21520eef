import { readFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { subfolders } from '../../system/fs.js';
import { procParent, procStart, processesByCwd } from '../../system/proc.js';
import type { NodePlan } from '../../topology/types.js';
import type { LocalPaths } from './paths.js';
import { liveness, type Identity, type Liveness } from './process.js';
import type { LocalState } from './state.js';

export interface FoundProcess extends Identity {
  id: string;
  liveness: Exclude<Liveness, 'gone' | 'reused'>;
}

/** A node as far as finding its process goes: its id, and the port it was (or will be) started with. */
export interface NodeRef {
  id: string;
  port?: number;
}

/**
 * Every node this project's folder knows of, whatever the spec says now: the spec's nodes, the
 * nodes on record in the state file, and every node folder. A spec edited (ports, replicas) or
 * replaced while nodes ran must not hide them from `down`. The port is the one the node was
 * started with (state file, then its own redis.conf), the spec's only for a node never started.
 */
export async function knownNodes(paths: LocalPaths, planned: NodePlan[], state: LocalState | undefined, opts: { scanProc?: boolean } = {}): Promise<NodeRef[]> {
  const ids = new Set([...planned.map((n) => n.id), ...Object.keys(state?.nodes ?? {}), ...(await subfolders(paths.nodesDir))]);
  // A node whose folder was deleted under it (an older `down --purge`) is known only to /proc.
  if (opts.scanProc) {
    for (const dir of (await processesByCwd(paths.nodesDir)).keys()) if (dirname(dir) === paths.nodesDir) ids.add(basename(dir));
  }
  const out: NodeRef[] = [];
  for (const id of ids) {
    const port = state?.nodes[id]?.port ?? (await confPort(paths, id)) ?? planned.find((n) => n.id === id)?.port;
    out.push({ id, port });
  }
  return out;
}

async function confPort(paths: LocalPaths, id: string): Promise<number | undefined> {
  const conf = await readFile(paths.conf(id), 'utf8').catch(() => '');
  const m = /^port\s+(\d+)\s*$/m.exec(conf);
  return m ? Number(m[1]) : undefined;
}

/**
 * The live processes of these nodes, found three ways so that `down` works after a crash at any
 * moment: the state file, each node's pid file, and (Linux) any process whose working folder is
 * the node's folder. Every candidate is verified (process.ts) before it is reported, by what it
 * is (pid, start time, folder, port), never by the name of the binary it runs.
 */
export async function findProcesses(paths: LocalPaths, nodes: NodeRef[], state: LocalState | undefined): Promise<FoundProcess[]> {
  // Reading every process' working folder is the slow way: only done when a node is not found otherwise.
  let byCwd: Map<string, number[]> | undefined;
  const found: FoundProcess[] = [];
  for (const node of nodes) {
    const dir = paths.nodeDir(node.id);
    const candidates: Identity[] = [];
    const record = state?.nodes[node.id];
    if (record) candidates.push({ pid: record.pid, port: record.port, procStart: record.procStart, bootId: record.bootId, dir });
    const fromFile = Number((await readFile(paths.pidfile(node.id), 'utf8').catch(() => '')).trim());
    if (fromFile) candidates.push({ pid: fromFile, port: node.port, dir });

    const seen = new Set<number>();
    let hit = await firstLive(candidates, seen);
    if (!hit) {
      byCwd ??= await processesByCwd(paths.root);
      // The working folder names the node: its port need not match (a folder whose conf was deleted).
      hit = await firstLive(
        (await withoutForks(byCwd.get(dir) ?? [])).map((pid) => ({ pid, dir })),
        seen,
      );
    }
    if (hit) found.push({ ...hit.identity, id: node.id, liveness: hit.liveness, procStart: hit.identity.procStart ?? (await procStart(hit.identity.pid)) });
  }
  return found;
}

/** The node, not the children it forked (BGSAVE, AOF rewrite): they share its folder and its listening socket. */
async function withoutForks(pids: number[]): Promise<number[]> {
  const parents = await Promise.all(pids.map((pid) => procParent(pid)));
  return pids.filter((_, i) => !pids.includes(parents[i] ?? 0));
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
