import { mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pidExists } from '../system/proc.js';

/**
 * Ports are held in aligned slots of this size, one O_EXCL lock file per slot in the temp folder
 * naming the holder's pid, so parallel processes (test files, a compare beside them) never pick the
 * same ports; a dead holder's lock is taken over.
 */
export const SLOT = 16;

// The folder's name predates compare's use of it: processes of an older redis-arc/testing lock
// their ports in the same folder, so the two never pick the same ports.
const lockDir = () => join(tmpdir(), 'redis-arc-testing-ports');

export const slotsOf = (ports: number[]): number[] => [...new Set(ports.map((p) => Math.floor(p / SLOT)))];

/** Lock every slot or none: the function that unlocks them (and the files), or the pid holding the first slot taken. */
export function lockSlots(slots: number[]): { release: () => void; files: string[] } | { heldBy: number } {
  mkdirSync(lockDir(), { recursive: true });
  sweepStale();
  const taken: string[] = [];
  const release = () => taken.forEach((f) => rmQuiet(f));
  for (const slot of slots) {
    const file = join(lockDir(), `${slot}.lock`);
    const holder = lockFile(file);
    if (holder !== undefined) {
      release();
      return { heldBy: holder };
    }
    taken.push(file);
  }
  return { release, files: [...taken] };
}

/**
 * Lock files whose holder is gone (a runner killed before it could remove them), or that name no
 * pid at all, are removed before a slot is taken, so the folder does not fill with them. An empty
 * file is one another process has just created and not yet written: it is left alone.
 */
function sweepStale(): void {
  let names: string[];
  try {
    names = readdirSync(lockDir());
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.endsWith('.lock')) continue;
    const file = join(lockDir(), name);
    const text = readQuiet(file);
    if (text === '' || (/^\d+$/.test(text) && pidExists(Number(text)))) continue;
    // Read again just before: another process may have taken the slot over meanwhile.
    if (readQuiet(file) === text) rmQuiet(file);
  }
}

/** Remove the lock files `pid` held, if they still name it (the reaper, for a runner that was killed). */
export function releaseFilesOf(pid: number, files: string[]): void {
  for (const file of files) if (readQuiet(file) === String(pid)) rmQuiet(file);
}

/** undefined once this process holds the file, else the live pid that does. */
function lockFile(file: string): number | undefined {
  let holder = 0;
  for (let tries = 0; tries < 2; tries++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      return undefined;
    } catch {
      holder = Number(readQuiet(file));
      if (pidExists(holder)) return holder;
      rmQuiet(file); // its process died: the ports are free again once bind-tested
    }
  }
  return holder;
}

function readQuiet(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function rmQuiet(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // already gone
  }
}
