import { chmod, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fsError } from '../errors/fs-error.js';

let tmpCounter = 0;

/**
 * A new file in a folder made for this start (`startTopology`'s fresh folder): created
 * exclusively, so nothing is ever replaced, and without writeAtomic's temp file and rename, since
 * a start that fails or crashes half-way has its whole folder removed. Two file-system round trips
 * instead of five.
 */
export async function createFile(path: string, content: string, mode: number): Promise<void> {
  await writeFile(path, content, { mode, flag: 'wx' }).catch((err: unknown) => {
    throw fsError(err, path);
  });
}

/** Write to a temp file and rename, so a crash never leaves half a file. */
export async function writeAtomic(path: string, content: string, mode: number): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: mode === 0o600 ? 0o700 : 0o755 }).catch((err: unknown) => {
    throw fsError(err, err instanceof Error && 'path' in err && typeof err.path === 'string' ? err.path : dirname(path));
  });
  const tmp = `${path}.${process.pid}.${(tmpCounter++).toString(36)}.tmp`;
  try {
    await writeFile(tmp, content, { mode });
    await chmod(tmp, mode);
    await rename(tmp, path);
  } catch (err) {
    // Never leave the temp file behind, and name the file the user knows, not the temp file.
    await rm(tmp, { force: true }).catch(() => undefined);
    throw fsError(err, path);
  }
}
