import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTopology, type StartedTopology, type StartOptions } from '../project/start.js';
import type { CompareKind } from '../scenarios/compare/defaults.js';
import { startWatched } from '../testing/reaper.js';

/**
 * How `compare` starts each topology: as redis-arc/testing does, in a temporary folder that the
 * reaper watches before the first node starts. However the CLI ends (a second Ctrl-C's immediate
 * exit, kill -9, a crash), the reaper kills every process under the folder and deletes it, so
 * no node is left holding compare's ports for the next compare to trip over. Disposal stops the
 * nodes as before, then reaps what is left.
 */
export async function startReaped(kind: CompareKind, opts: StartOptions): Promise<StartedTopology> {
  const dir = await mkdtemp(join(tmpdir(), opts.dirPrefix ?? `redis-arc-compare-${kind}-`));
  return startWatched(dir, () => startTopology(kind, { ...opts, dir, freshDir: true }));
}
