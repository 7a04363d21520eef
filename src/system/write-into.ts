import { constants, openSync, closeSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { Socket } from 'node:net';
import { fsError } from '../errors/fs-error.js';

/** How long a pipe's reader may take to drain what is written before the write is given up. */
const PIPE_DRAIN_MS = 30_000;

/**
 * Write `content` into an existing pipe or character device (`/dev/stdout`, a FIFO, `/dev/null`,
 * a terminal) the way a shell's `>` does: opened and written in place, never unlinked or replaced
 * by a regular file, as writeAtomic's rename would. A pipe is opened without blocking (a blocked
 * open would keep the process from ever exiting) and written through the event loop; nothing
 * reading it is ENXIO, which fs-error.ts words.
 */
export async function writeInto(path: string, content: string, kind: 'pipe' | 'device'): Promise<void> {
  if (kind === 'device') {
    // 'w' on an existing device opens it (O_TRUNC means nothing to a device); it creates nothing.
    await writeFile(path, content, { flag: constants.O_WRONLY | constants.O_TRUNC }).catch((err: unknown) => {
      throw fsError(err, path);
    });
    return;
  }
  let fd: number;
  try {
    fd = openSync(path, constants.O_WRONLY | constants.O_NONBLOCK);
  } catch (err) {
    throw fsError(err, path);
  }
  let pipe: Socket;
  try {
    pipe = new Socket({ fd, readable: false, writable: true });
  } catch (err) {
    closeSync(fd);
    throw fsError(err, path);
  }
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => pipe.destroy(Object.assign(new Error('the reader took no more'), { code: 'EAGAIN' })), PIPE_DRAIN_MS);
    pipe.once('error', (err) => reject(fsError(err, path)));
    pipe.once('close', () => clearTimeout(timer));
    pipe.end(content, () => resolve());
  }).finally(() => pipe.destroy());
}

/** Write `content` to one of this process's own streams (stdout, stderr), resolved once it is handed on. */
export function writeStream(stream: NodeJS.WritableStream, content: string): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(content, (err) => (err ? reject(err) : resolve()));
  });
}
