import { lstat, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { ArcError, WouldOverwriteError } from '../errors/index.js';
import { fsError } from '../errors/fs-error.js';
import { writeAtomic } from '../system/write.js';

/**
 * Files a command writes because a flag asked (bench --json, failover-test --junit) follow the
 * rule of init/render: an existing file is replaced only with --force. Checked before the work
 * starts (a refusal after minutes of measuring would waste them) and again when writing.
 */
export async function claimOutputFile(file: string, flag: string, force: boolean): Promise<void> {
  const path = resolve(file);
  const st = await lstat(path).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined;
    throw fsError(err, path, `${flag} file`);
  });
  if (st?.isDirectory()) throw new ArcError(`${flag} ${path}: is a folder; pass a file path, e.g. ${flag} ${path}/result`);
  if (st && !force) throw new WouldOverwriteError([path]);
  const parent = await lstat(dirname(path)).catch((err: unknown) => {
    throw fsError(err, dirname(path), `the folder for ${flag}`);
  });
  if (!parent.isDirectory()) throw new ArcError(`${flag} ${path}: ${dirname(path)} is a file, not a folder; choose a path in an existing folder`);
}

/** Write an output file whole (temp file and rename); a replaced file keeps the mode its owner gave it. */
export async function writeOutputFile(file: string, content: string, flag: string, force: boolean): Promise<void> {
  await claimOutputFile(file, flag, force);
  const path = resolve(file);
  // stat, not lstat: a symbolic link's own mode is 0777, and the replacement must not get it.
  const mode = (await stat(path).catch(() => undefined))?.mode;
  await writeAtomic(path, content, mode === undefined ? 0o644 : mode & 0o777).catch((err: unknown) => {
    throw fsError(err, path, `${flag} file`);
  });
}
