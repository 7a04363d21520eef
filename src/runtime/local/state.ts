import { readFile } from 'node:fs/promises';
import { writeAtomic } from '../../render/write.js';
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
  let text: string;
  try {
    text = await readFile(paths.stateFile, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const state = JSON.parse(text) as LocalState;
    if (state.version !== 1 || typeof state.nodes !== 'object') throw new Error('unknown layout');
    return state;
  } catch {
    // A corrupt state file must not stop `down`: pid files in the node folders are the fallback.
    return undefined;
  }
}

export async function writeState(paths: LocalPaths, state: LocalState): Promise<void> {
  await writeAtomic(paths.stateFile, `${JSON.stringify(state, null, 2)}\n`, 0o600);
}
