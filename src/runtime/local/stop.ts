import { procStart, signal } from '../../system/proc.js';
import type { StopResult } from '../runtime.js';
import type { FoundProcess, NodeRef } from './find.js';
import { waitGone } from './process.js';

/** TERM, then KILL after the grace period, for these nodes' processes (`found` among `nodes`). */
export async function terminate(nodes: NodeRef[], found: FoundProcess[], graceMs: number): Promise<Omit<StopResult, 'purged'>> {
  for (const p of found) {
    // A stopped (paused) process only acts on TERM once continued.
    if (p.liveness === 'paused') signal(p.pid, 'SIGCONT');
    signal(p.pid, 'SIGTERM');
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
