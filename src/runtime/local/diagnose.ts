import type { Topology } from '../../topology/types.js';
import { findProcesses, knownNodes } from './find.js';
import type { LocalPaths } from './paths.js';
import { inspectState } from './state.js';

/** What `status` should know about the project's folder: a bad state file, nodes of an earlier spec still running. */
export async function diagnoseLocal(paths: LocalPaths, topology: Topology): Promise<string[]> {
  const { state, problem } = await inspectState(paths);
  const notes = problem ? [problem] : [];
  // Nodes started from an earlier spec: the spec no longer names them, or names another port.
  const found = await findProcesses(paths, await knownNodes(paths, topology.nodes, state), state);
  const stale = found.filter((p) => {
    const planned = topology.nodes.find((n) => n.id === p.id);
    return !planned || (p.port !== undefined && p.port !== planned.port);
  });
  if (stale.length) {
    const one = stale.length === 1;
    const list = stale.map((p) => `${p.id} (pid ${p.pid}${p.port ? `, port ${p.port}` : ''})`).join(', ');
    notes.push(`${list} still run${one ? 's' : ''} from an earlier redis-arc.yaml; \`redis-arc down\` stops ${one ? 'it' : 'them'}`);
  }
  return notes;
}
