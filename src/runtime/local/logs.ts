import { open, readFile, stat } from 'node:fs/promises';
import { ArcError } from '../../errors/index.js';
import { retryUntil } from '../../wait/retry.js';
import type { LogOptions } from '../runtime.js';

export interface LogFile {
  id: string;
  path: string;
}

/** Tail node log files (prefixed by node when there are several); `follow` polls them for new lines until the process ends. */
export async function printLogFiles(files: LogFile[], subject: string, opts: LogOptions): Promise<void> {
  const prefix = (id: string) => (files.length > 1 ? `${id.padEnd(12)}| ` : '');
  let any = false;
  const offsets = new Map<string, number>();
  for (const f of files) {
    const text = await readFile(f.path, 'utf8').catch(() => undefined);
    offsets.set(f.id, text === undefined ? 0 : Buffer.byteLength(text));
    if (text === undefined) continue;
    any = true;
    const tail = opts.lines === 0 ? [] : text.trimEnd().split('\n').slice(-opts.lines);
    for (const line of tail) opts.write(`${prefix(f.id)}${line}`);
  }
  if (!any && !opts.follow) throw new ArcError(`no logs yet for ${subject}; run \`redis-arc up\` first`);
  if (!opts.follow) return;
  const readNew = async () => {
    for (const f of files) {
      const size = (await stat(f.path).catch(() => undefined))?.size ?? 0;
      let from = offsets.get(f.id) ?? 0;
      if (size < from) from = 0; // truncated or recreated
      if (size > from) {
        const handle = await open(f.path, 'r');
        const buf = Buffer.alloc(size - from);
        await handle.read(buf, 0, buf.length, from);
        await handle.close();
        for (const line of buf.toString('utf8').split('\n').filter(Boolean)) opts.write(`${prefix(f.id)}${line}`);
        offsets.set(f.id, size);
      }
    }
  };
  // Following never ends by itself: Ctrl-C ends the process.
  await retryUntil(readNew, () => false, { timeoutMs: Number.POSITIVE_INFINITY, intervalMs: 200 });
}
