import { rm } from 'node:fs/promises';
import { basename, dirname, relative } from 'node:path';
import { ArcError } from '../../errors/index.js';
import { NotPermittedError, pidLive, procStart, processesByCwd, signal } from '../../system/proc.js';
import type { NodePlan } from '../../topology/types.js';
import type { NodeRunState, StopResult } from '../runtime.js';
import { findProcesses, knownNodes, type FoundProcess, type NodeRef } from './find.js';
import type { LocalPaths } from './paths.js';
import { waitGone } from './process.js';
import { readState, writeState, type LocalState } from './state.js';

/**
 * A full stop (`down`): every node this folder started, not only what the spec names now (it may
 * have changed since `up`); then its folder purged, or the state file emptied of pids.
 */
export async function stopAll(
  paths: LocalPaths,
  planned: NodePlan[],
  state: LocalState | undefined,
  opts: { purge?: boolean; graceMs: number },
): Promise<StopResult> {
  const known = await knownNodes(paths, planned, state, { scanProc: true });
  const result = await stopNodes(paths, known, opts.graceMs);
  const left = await findProcesses(paths, known, await readState(paths));
  if (left.length) {
    // A running Redis whose folder is deleted cannot even shut down (its final save fails): keep every folder.
    return { ...result, purged: false, left: left.map((p) => ({ id: p.id, state: p.liveness, detail: `pid ${p.pid}` })) };
  }
  if (opts.purge) {
    // A live process still working in a node folder keeps the data, whatever it is: it was not
    // recognised as the node (so not stopped), and its files must not go from under it.
    const busy = await busyIn(paths);
    if (busy.length) return { ...result, purged: false, left: busy };
    await rm(paths.root, { recursive: true, force: true });
  } else if (state) {
    await writeState(paths, { ...state, nodes: {} });
  }
  return { ...result, purged: Boolean(opts.purge), left: [] };
}

/** Live processes whose working folder is under the project's folder (a deleted one included). */
async function busyIn(paths: LocalPaths): Promise<NodeRunState[]> {
  const busy: NodeRunState[] = [];
  for (const [dir, pids] of await processesByCwd(paths.root)) {
    const id = dirname(dir) === paths.nodesDir ? basename(dir) : relative(paths.specDir, dir) || dir;
    for (const pid of pids) if (await pidLive(pid)) busy.push({ id, state: 'running', detail: `pid ${pid}, not recognised as the node, works in its folder` });
  }
  return busy;
}

/** Stop these nodes' processes, found by state file, pid file and working folder. */
export async function stopNodes(paths: LocalPaths, nodes: NodeRef[], graceMs: number): Promise<Omit<StopResult, 'purged'>> {
  return terminate(nodes, await findProcesses(paths, nodes, await readState(paths)), graceMs);
}

/** TERM, then KILL after the grace period, for these nodes' processes (`found` among `nodes`). */
export async function terminate(nodes: NodeRef[], found: FoundProcess[], graceMs: number): Promise<Omit<StopResult, 'purged'>> {
  const refused: FoundProcess[] = [];
  for (const p of found) {
    try {
      // A stopped (paused) process only acts on TERM once continued.
      if (p.liveness === 'paused') signal(p.pid, 'SIGCONT');
      signal(p.pid, 'SIGTERM');
    } catch (err) {
      if (!(err instanceof NotPermittedError)) throw err;
      refused.push(p);
    }
  }
  // Another user's processes (the project was started by them, or a pid reused by theirs): the
  // others are stopped all the same, then one line says which were not and what to do.
  if (refused.length) {
    await terminate(
      nodes,
      found.filter((p) => !refused.includes(p)),
      graceMs,
    );
    const which = refused.map((p) => `${p.id} (pid ${p.pid})`).join(', ');
    throw new ArcError(
      `${which}: run${refused.length === 1 ? 's' : ''} as another user, whom redis-arc may not signal (EPERM); stop ${refused.length === 1 ? 'it' : 'them'} as that user (redis-arc down) or with sudo`,
    );
  }
  const killed: string[] = [];
  await Promise.all(
    found.map(async (p) => {
      if (!(await waitGone(p.pid, graceMs))) {
        // The pid may have been reused since TERM (it exited, another took it): KILL only the process found.
        if ((await procStart(p.pid)) === p.procStart && signal(p.pid, 'SIGKILL')) killed.push(p.id);
        await waitGone(p.pid, 2000);
      }
    }),
  );
  const stopped = found.map((p) => p.id);
  return { stopped, killed, alreadyStopped: nodes.map((n) => n.id).filter((id) => !stopped.includes(id)) };
}
