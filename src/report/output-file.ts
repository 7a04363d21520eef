import { fstatSync, type Stats } from 'node:fs';
import { lstat, realpath, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { ArcError, WouldOverwriteError } from '../errors/index.js';
import { fsError } from '../errors/fs-error.js';
import { printableValue } from '../errors/printable.js';
import { writeAtomic } from '../system/write.js';
import { writeInto, writeStream } from '../system/write-into.js';

/**
 * What an output path names, followed through symbolic links: nothing yet, a regular file
 * (replaced whole, with --force), a pipe or character device (`/dev/stdout`, a FIFO, a terminal:
 * written into as a shell's `>` would, never replaced), or something redis-arc will not write.
 */
type Target =
  { kind: 'absent' } | { kind: 'file'; path: string; mode: number } | { kind: 'pipe' | 'device'; path: string } | { kind: 'stream'; path: string; fd: 1 | 2 };

/**
 * `/dev/stdout` (or stderr) when it is this process's own, whatever it is: Node's parents hand
 * their children a socket pair, which open() cannot reopen, so it is written through the fd.
 */
function ownStream(st: Stats): 1 | 2 | undefined {
  for (const fd of [1, 2] as const) {
    try {
      const own = fstatSync(fd);
      if (own.dev === st.dev && own.ino === st.ino && !own.isFile()) return fd;
    } catch {
      // closed: not ours to write
    }
  }
  return undefined;
}

async function targetOf(path: string, flag: string): Promise<Target> {
  const own = await lstat(path).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined;
    throw fsError(err, path, `${flag} file`);
  });
  if (!own) return { kind: 'absent' };
  // stat follows the links: a link's own mode is 0777, and what is written is its target.
  const st: Stats | undefined = own.isSymbolicLink() ? await stat(path).catch(() => undefined) : own;
  if (!st) throw fsError(Object.assign(new Error('dangling link'), { code: 'ENOENT' }), path, `${flag} file`);
  if (st.isDirectory()) throw new ArcError(`${flag} ${printableValue(path)}: is a folder; pass a file path, e.g. ${flag} ${printableValue(path)}/result`);
  const stream = ownStream(st);
  if (stream) return { kind: 'stream', path, fd: stream };
  if (st.isFIFO()) return { kind: 'pipe', path };
  if (st.isCharacterDevice()) return { kind: 'device', path };
  if (!st.isFile())
    throw new ArcError(
      `${flag} ${printableValue(path)}: is a ${st.isSocket() ? 'socket' : 'block device'}; redis-arc writes only a file, a pipe or a terminal, so choose one of those`,
    );
  // A link to a file: the file is replaced and the link kept (a rename onto the link would replace the link itself).
  return { kind: 'file', path: own.isSymbolicLink() ? await realpath(path) : path, mode: st.mode & 0o777 };
}

/**
 * Files a command writes because a flag asked (bench --json, failover-test --junit) follow the
 * rule of init/render: an existing file is replaced only with --force. A pipe or a terminal
 * (`--junit /dev/stdout`) replaces nothing and needs no --force. Checked before the work starts
 * (a refusal after minutes of measuring would waste them) and again when writing.
 */
export async function claimOutputFile(file: string, flag: string, force: boolean): Promise<Target> {
  const path = resolve(file);
  const target = await targetOf(path, flag);
  if (target.kind === 'file' && !force) throw new WouldOverwriteError([path]);
  if (target.kind !== 'absent') return target;
  const parent = await lstat(dirname(path)).catch((err: unknown) => {
    throw fsError(err, dirname(path), `the folder for ${flag}`);
  });
  if (!parent.isDirectory())
    throw new ArcError(`${flag} ${printableValue(path)}: ${printableValue(dirname(path))} is a file, not a folder; choose a path in an existing folder`);
  return target;
}

/**
 * Write an output file: a new or regular file whole (temp file and rename; a replaced file keeps
 * the mode its owner gave it), a pipe or device in place.
 */
export async function writeOutputFile(file: string, content: string, flag: string, force: boolean): Promise<void> {
  const target = await claimOutputFile(file, flag, force);
  if (target.kind === 'stream') {
    await writeStream(target.fd === 1 ? process.stdout : process.stderr, content).catch((err: unknown) => {
      throw fsError(err, resolve(file), `${flag} file`);
    });
    return;
  }
  if (target.kind === 'pipe' || target.kind === 'device') {
    await writeInto(target.path, content, target.kind).catch((err: unknown) => {
      throw fsError(err, resolve(file), `${flag} file`);
    });
    return;
  }
  const path = target.kind === 'file' ? target.path : resolve(file);
  await writeAtomic(path, content, target.kind === 'file' ? target.mode : 0o644).catch((err: unknown) => {
    throw fsError(err, resolve(file), `${flag} file`);
  });
}
