import { readFile } from 'node:fs/promises';
import { writeAtomic } from '../../system/write.js';
import type { LocalPaths } from './paths.js';

export interface NodeRecord {
  pid: number;
  port: number;
  /** /proc/<pid>/stat start time (clock ticks since boot): tells our process from a reused pid. */
  procStart?: string;
  startedAt: string;
}

export interface LocalState {
  version: 1;
  name: string;
  kind: string;
  /** Hash of the topology the node folders were created from; a changed spec needs `down --purge`. */
  topologyHash: string;
  nodes: Record<string, NodeRecord>;
}

export async function readState(paths: LocalPaths): Promise<LocalState | undefined> {
  return (await inspectState(paths)).state;
}

/**
 * The state file, or why it cannot be used. A corrupt file must not stop `down`: pid files and
 * working folders find the processes anyway (find.ts); the problem is reported by `status`.
 */
export async function inspectState(paths: LocalPaths): Promise<{ state?: LocalState; problem?: string }> {
  let text: string;
  try {
    text = await readFile(paths.stateFile, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    return { problem: `cannot read ${paths.stateFile}: ${(err as Error).message}` };
  }
  try {
    const state = JSON.parse(text) as LocalState;
    if (state?.version !== 1 || typeof state.nodes !== 'object' || state.nodes === null) throw new Error('not a redis-arc state file (version 1)');
    return { state };
  } catch (err) {
    return { problem: `${paths.stateFile} is corrupt (${(err as Error).message.split('\n')[0]}); processes were found by their pid files and working folders instead` };
  }
}

export async function writeState(paths: LocalPaths, state: LocalState): Promise<void> {
  await writeAtomic(paths.stateFile, `${JSON.stringify(state, null, 2)}\n`, 0o600);
}
