import { accessSync, constants, existsSync, lstatSync, openSync, readlinkSync, statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { Socket } from 'node:net';
import { dirname } from 'node:path';
import { ArcError } from './index.js';
import { printableValue } from './printable.js';
import { errnoCode, errorLine, thrownField, thrownText } from './thrown.js';

/** What is wrong and the fix, per errno code: the one mapping every file error goes through. */
const FS_PROBLEMS: Record<string, (path: string) => string> = {
  ENOENT: (p) => danglingLink(p) ?? unwritableParent(p) ?? 'does not exist (or a folder above it is missing); create it or fix the path',
  EISDIR: () => 'is a folder where a file is expected; remove or rename the folder, or point to a file',
  ENOTDIR: (p) => {
    const file = fileAbove(p);
    return file
      ? `${printableValue(file)} is a file where a folder is expected; remove or rename that file, or fix the path`
      : 'a part of this path is a file where a folder is expected; remove or rename that file, or fix the path';
  },
  EEXIST: (p) => kindOf(p) ?? 'already exists as something else (a file where a folder is needed, or the reverse); remove or rename it',
  ENOTEMPTY: () => 'is a folder that is not empty; empty or remove it',
  EACCES: () => 'permission denied; make it readable/writable by this user (chmod/chown) or choose another path',
  EPERM: () => 'operation not permitted; check its owner and mode (chmod/chown) or choose another path',
  EROFS: () => 'is on a read-only file system; choose a writable folder (or remount it read-write)',
  ENOSPC: () => 'no space left on the device; free some space and retry',
  EDQUOT: () => 'disk quota exceeded; free some space and retry',
  ELOOP: () => 'is a symbolic link loop; fix or remove the link',
  ENAMETOOLONG: () => 'the path is too long; choose a shorter one',
  EMFILE: () => 'too many open files; raise the limit (ulimit -n) and retry',
  EBUSY: () => 'is busy (in use or a mount point); retry, or choose another path',
  EXDEV: () => 'cannot be moved across file systems; keep it on the same file system as the project',
  EINVAL: () => 'is not a valid path or file for this operation; fix the path',
  EIO: () => 'the device reported an input/output error; check the disk (dmesg) and retry, or choose another path',
  EFBIG: () => 'is too large for the file system or the file size limit (ulimit -f); raise the limit or choose another path',
  ETXTBSY: () => 'is a program that is running; choose another path',
  ENXIO: () => 'is a named pipe or device with nothing on its other end; start its reader first, or point to a regular file',
  EAGAIN: () => 'would block (a pipe or device that takes no more now); retry, or point to a regular file',
  ESPIPE: () => 'is a pipe or device that cannot be written to this way; point to a regular file',
  // Not errno codes: what readUserFile finds before node:fs would block or never end.
  ENOTREG: (p) => `is ${specialKind(p)}, not a regular file; point to a file`,
  EPIPEIDLE: () => `is a named pipe and nothing wrote to it (within ${PIPE_WAIT_MS / 1000} s); write to it, or point to a regular file`,
};

/** How long a named pipe may keep us waiting for its writer. */
const PIPE_WAIT_MS = 10_000;

function specialKind(path: string): string {
  try {
    const st = statSync(path);
    if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
    if (st.isSocket()) return 'a socket';
  } catch {
    // gone since: the generic word will do
  }
  return 'something else';
}

/** For EEXIST: say which way round it is. */
function kindOf(path: string): string | undefined {
  try {
    const st = lstatSync(path);
    if (st.isSymbolicLink())
      return danglingLink(path) ?? 'is a symbolic link where redis-arc writes a file of its own; remove the link, or point the spec at another path';
    if (st.isDirectory()) return 'is a folder where a file is expected; remove or rename the folder, or choose another path';
    return 'is a file where a folder is expected; remove or rename the file, or choose another path';
  } catch {
    return undefined;
  }
}

/** Node's recursive mkdir reports a read-only or forbidden parent as ENOENT: find the real cause. */
function unwritableParent(path: string): string | undefined {
  const parent = dirname(path);
  try {
    if (!statSync(parent).isDirectory()) return undefined;
    accessSync(parent, constants.W_OK);
    return undefined;
  } catch (err) {
    const code = errnoCode(err);
    if (code === 'EROFS')
      return `cannot be created: ${printableValue(parent)} is on a read-only file system; choose a writable folder (or remount it read-write)`;
    if (code === 'EACCES' || code === 'EPERM')
      return `cannot be created: ${printableValue(parent)} is not writable by this user; fix its owner/mode (chmod/chown) or choose another folder`;
    return undefined;
  }
}

/** For ENOTDIR: the ancestor that is a file. */
function fileAbove(path: string): string | undefined {
  for (let dir = dirname(path); dir !== dirname(dir); dir = dirname(dir)) {
    try {
      if (!statSync(dir).isDirectory()) return dir;
    } catch {
      // not there: keep climbing
    }
  }
  return undefined;
}

function danglingLink(path: string): string | undefined {
  try {
    if (!lstatSync(path).isSymbolicLink() || existsSync(path)) return undefined;
    return `is a symbolic link to ${printableValue(readlinkSync(path))}, which does not exist; fix or remove the link`;
  } catch {
    return undefined;
  }
}

/** True for a thrown node:fs error that this module can explain. */
export function isFsError(err: unknown): err is NodeJS.ErrnoException & { code: string } {
  const code = errnoCode(err);
  return code !== undefined && code in FS_PROBLEMS && (thrownText(err, 'path') !== undefined || thrownText(err, 'syscall') !== undefined);
}

/** `path: what is wrong; the fix` for a file-system error code; `what` names the file's role (e.g. "the password file"). */
export function fsProblem(code: string, path: string, what?: string): string {
  return `${printableValue(path)}${what ? ` (${what})` : ''}: ${fsReason(code, path)}`;
}

/** Only what is wrong with `path` and the fix, for messages that name the path their own way. */
export function fsReason(code: string, path: string): string {
  return FS_PROBLEMS[code]?.(path) ?? `cannot be used (${code}); check the path and its file system`;
}

/**
 * The errno code behind a thrown value: its own, or, for an error this module already made (a
 * lower layer's one line, wrapped again by a caller that knows the file's role), its cause's.
 */
function rootCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e !== undefined && depth < 5; e = thrownField(e, 'cause'), depth++) {
    const code = errnoCode(e);
    if (code) return code;
  }
  return undefined;
}

/**
 * Turn a node:fs error into one ArcError line; `path` defaults to the one the error carries. A
 * value with no errno code anywhere keeps its own words rather than a made-up code.
 */
export function fsError(err: unknown, path?: string, what?: string): ArcError {
  const code = rootCode(err);
  const where = path ?? thrownText(err, 'path') ?? thrownText(err, 'dest') ?? '(unknown path)';
  if (!code) return new ArcError(`${printableValue(where)}${what ? ` (${what})` : ''}: ${errorLine(err)}`, undefined, { cause: err });
  return new ArcError(fsProblem(code, where, what), undefined, { cause: err });
}

/**
 * Read a file the user named. A pipe is read while something writes to it (`--password-file <(pass show
 * redis)`), but a named pipe nobody writes to would block for ever (and a blocked open even stops the
 * process from exiting) and a device (/dev/zero) never ends: both become an error fsProblem explains.
 */
export async function readUserFile(path: string): Promise<Buffer> {
  const st = await stat(path);
  if (st.isFile() || st.isDirectory()) return readFile(path); // a folder: node's EISDIR, which callers already word
  if (!st.isFIFO()) throw specialFileError('ENOTREG', path);
  // Opened without blocking and read on the event loop: no writer reads as an empty end, a silent one times out.
  const pipe = new Socket({ fd: openSync(path, constants.O_RDONLY | constants.O_NONBLOCK), readable: true, writable: false });
  const chunks: Buffer[] = [];
  return new Promise<Buffer>((resolve, reject) => {
    const timer = setTimeout(() => pipe.destroy(specialFileError('EPIPEIDLE', path)), PIPE_WAIT_MS);
    pipe.on('data', (chunk: Buffer) => chunks.push(chunk));
    pipe.once('error', reject);
    pipe.once('end', () => (chunks.length ? resolve(Buffer.concat(chunks)) : reject(specialFileError('EPIPEIDLE', path))));
    pipe.once('close', () => clearTimeout(timer));
  }).finally(() => pipe.destroy());
}

function specialFileError(code: 'ENOTREG' | 'EPIPEIDLE', path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${path}: ${fsReason(code, path)}`), { code, path, syscall: 'open' });
}
