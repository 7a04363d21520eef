import { open, readFile, stat } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { ArcError } from '../../errors/index.js';
import { openProject } from '../../project/open.js';
import { DockerRuntime } from '../../runtime/docker/docker-runtime.js';
import { selectRuntime, type RuntimeChoice } from '../../project/runtime.js';
import { imageOption } from '../target.js';

export async function runLogs(nodeId: string | undefined, opts: Record<string, unknown>): Promise<void> {
  const project = await openProject(opts.spec as string);
  const runtime = await selectRuntime(project, (opts.runtime as RuntimeChoice | undefined) ?? 'auto', { image: imageOption(opts) });
  const nodes = nodeId ? [nodeId] : runtime.topology.nodes.map((n) => n.id);
  if (runtime instanceof DockerRuntime) {
    // Containers log to stdout: `docker logs`, prefixed per node like the local files.
    await runtime.printLogs(nodes, { lines: opts.lines as number, follow: Boolean(opts.follow), write: (line) => process.stdout.write(`${line}\n`) });
    return;
  }
  const files = nodes.map((id) => ({ id, path: runtime.logFile(id) }));
  const prefix = (id: string) => (files.length > 1 ? `${id.padEnd(12)}| ` : '');
  const lines = opts.lines as number;
  let any = false;
  const offsets = new Map<string, number>();
  for (const f of files) {
    const text = await readFile(f.path, 'utf8').catch(() => undefined);
    offsets.set(f.id, text === undefined ? 0 : Buffer.byteLength(text));
    if (text === undefined) continue;
    any = true;
    const tail = lines === 0 ? [] : text.trimEnd().split('\n').slice(-lines);
    for (const line of tail) process.stdout.write(`${prefix(f.id)}${line}\n`);
  }
  if (!any && !opts.follow) throw new ArcError(`no logs yet for ${nodeId ?? project.topology.name}; run \`redis-arc up\` first`);
  if (!opts.follow) return;
  for (;;) {
    for (const f of files) {
      const size = (await stat(f.path).catch(() => undefined))?.size ?? 0;
      let from = offsets.get(f.id) ?? 0;
      if (size < from) from = 0; // truncated or recreated
      if (size > from) {
        const handle = await open(f.path, 'r');
        const buf = Buffer.alloc(size - from);
        await handle.read(buf, 0, buf.length, from);
        await handle.close();
        for (const line of buf.toString('utf8').split('\n').filter(Boolean)) process.stdout.write(`${prefix(f.id)}${line}\n`);
        offsets.set(f.id, size);
      }
    }
    await sleep(200);
  }
}
