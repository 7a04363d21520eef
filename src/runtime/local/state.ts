import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { errnoCode, errorMessage } from '../../errors/thrown.js';
import { writeAtomic } from '../../system/write.js';
import type { LocalPaths } from './paths.js';

const nodeRecordSchema = z.object({
  pid: z.number(),
  port: z.number(),
  /** /proc/<pid>/stat start time (clock ticks since boot): tells our process from a reused pid. */
  procStart: z.string().optional(),
  /** The boot that start time was read in (/proc/sys/kernel/random/boot_id): a start time names a process within one boot. */
  bootId: z.string().optional(),
  startedAt: z.string(),
});
export type NodeRecord = z.infer<typeof nodeRecordSchema>;

/** The binaries the nodes were started with (src/servers): a restart runs the same ones, whatever the spec says now. */
const serverRecordSchema = z.object({ name: z.string(), server: z.string(), sentinel: z.string(), sentinelArgs: z.array(z.string()) });

const localStateSchema = z.object({
  version: z.literal(1),
  name: z.string(),
  kind: z.string(),
  /** Hash of the topology the node folders were created from; a changed spec needs `down --purge`. */
  topologyHash: z.string(),
  nodes: z.record(z.string(), nodeRecordSchema),
  server: serverRecordSchema.optional(),
});
export type LocalState = z.infer<typeof localStateSchema>;

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
    if (errnoCode(err) === 'ENOENT') return {};
    return { problem: `cannot read ${paths.stateFile}: ${errorMessage(err)}` };
  }
  try {
    const parsed = localStateSchema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error('not a redis-arc state file (version 1)');
    return { state: parsed.data };
  } catch (err) {
    return {
      problem: `${paths.stateFile} is corrupt (${errorMessage(err).split('\n')[0]}); processes were found by their pid files and working folders instead`,
    };
  }
}

export async function writeState(paths: LocalPaths, state: LocalState): Promise<void> {
  await writeAtomic(paths.stateFile, `${JSON.stringify(state, null, 2)}\n`, 0o600);
}
