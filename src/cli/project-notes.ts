import { readLock } from '../lock/project-lock.js';
import type { Project } from '../project/open.js';
import type { NodeRunState } from '../runtime/runtime.js';
import { selectRuntime, type RuntimeChoice } from '../project/runtime.js';
import { imageOption } from './target.js';
import { activeNetworkFault } from './network-leftover.js';
import { errorLine } from '../errors/thrown.js';

/** What the runtime (not Redis) knows: process states, a run in progress or one that died, bookkeeping problems. */
export interface ProjectNotes {
  runtime: string;
  nodes: NodeRunState[];
  notes: string[];
  /** A network fault (the project's nftables table) in place right now. */
  networkFault?: { table: string; describe: string; leftover: boolean };
}

export async function projectNotes(project: Project, choice: RuntimeChoice = 'auto'): Promise<ProjectNotes> {
  const notes: string[] = [];
  const lock = await readLock(project.dir);
  if (lock?.alive) notes.push(`\`${lock.holder.command}\` (pid ${lock.holder.pid}) is working on this topology right now`);
  if (lock && !lock.alive) {
    notes.push(
      `an earlier \`${lock.holder.command}\` (pid ${lock.holder.pid}, started ${lock.holder.startedAt}) ended without finishing (killed?); the next up/down/failover-test takes its lock over`,
    );
  }
  let runtimeName: string = choice;
  let nodes: NodeRunState[] = [];
  try {
    const runtime = await selectRuntime(project, choice, { image: imageOption() });
    runtimeName = runtime.name;
    nodes = await runtime.states();
    notes.push(...((await runtime.diagnose?.()) ?? []));
  } catch (err) {
    notes.push(`could not read process states: ${errorLine(err)}`);
  }
  const paused = nodes.filter((n) => n.state === 'paused').map((n) => n.id);
  if (paused.length) notes.push(`${paused.join(', ')} paused (SIGSTOP): \`redis-arc up\` resumes it, \`redis-arc down\` stops it`);
  const stopped = nodes.filter((n) => n.state === 'stopped').map((n) => n.id);
  if (stopped.length && stopped.length < nodes.length) notes.push(`no process for ${stopped.join(', ')}: \`redis-arc up\` starts what is missing`);
  const fault = await activeNetworkFault(project).catch(() => undefined);
  if (fault) {
    const leftover = !lock?.alive;
    notes.push(
      `network fault in place: ${fault.describe} (nftables table ${fault.table}); ` +
        (leftover ? 'left by a run that ended (killed?): `redis-arc down` or `redis-arc up` removes it' : 'the run holding the lock removes it when it ends'),
    );
    return { runtime: runtimeName, nodes, notes, networkFault: { ...fault, leftover } };
  }
  return { runtime: runtimeName, nodes, notes };
}
