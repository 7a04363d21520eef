import { readLock } from '../lock/project-lock.js';
import type { Project } from '../project/open.js';
import type { NodeRunState } from '../runtime/runtime.js';
import { selectRuntime, type RuntimeChoice } from '../project/runtime.js';
import { imageOption } from './target.js';

/** What the runtime (not Redis) knows: process states, a run in progress or one that died, bookkeeping problems. */
export interface ProjectNotes {
  runtime: string;
  nodes: NodeRunState[];
  notes: string[];
}

export async function projectNotes(project: Project, choice: RuntimeChoice = 'auto'): Promise<ProjectNotes> {
  const notes: string[] = [];
  const lock = await readLock(project.dir);
  if (lock?.alive) notes.push(`\`${lock.holder.command}\` (pid ${lock.holder.pid}) is working on this topology right now`);
  if (lock && !lock.alive) {
    notes.push(`an earlier \`${lock.holder.command}\` (pid ${lock.holder.pid}, started ${lock.holder.startedAt}) ended without finishing (killed?); the next up/down/failover-test takes its lock over`);
  }
  let runtimeName: string = choice;
  let nodes: NodeRunState[] = [];
  try {
    const runtime = await selectRuntime(project, choice, { image: imageOption() });
    runtimeName = runtime.name;
    nodes = await runtime.states();
    notes.push(...((await runtime.diagnose?.()) ?? []));
  } catch (err) {
    notes.push(`could not read process states: ${(err as Error).message.split('\n')[0]}`);
  }
  const paused = nodes.filter((n) => n.state === 'paused').map((n) => n.id);
  if (paused.length) notes.push(`${paused.join(', ')} paused (SIGSTOP): \`redis-arc up\` resumes it, \`redis-arc down\` stops it`);
  const stopped = nodes.filter((n) => n.state === 'stopped').map((n) => n.id);
  if (stopped.length && stopped.length < nodes.length) notes.push(`no process for ${stopped.join(', ')}: \`redis-arc up\` starts what is missing`);
  return { runtime: runtimeName, nodes, notes };
}
