import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { LogOptions } from '../runtime.js';
import type { Container } from './containers.js';

/** `docker logs` of each node's container, prefixed by node when `prefixed`; `follow` streams until the process ends. */
export async function printContainerLogs(found: { id: string; c: Container }[], prefixed: boolean, opts: LogOptions): Promise<void> {
  const prefix = (id: string) => (prefixed ? `${id.padEnd(12)}| ` : '');
  await Promise.all(
    found.map(
      ({ id, c }) =>
        new Promise<void>((resolve) => {
          const child = spawn('docker', ['logs', '--tail', String(opts.lines), ...(opts.follow ? ['-f'] : []), c.id], { stdio: ['ignore', 'pipe', 'pipe'] });
          let pending = 2;
          const done = () => (--pending === 0 ? resolve() : undefined);
          for (const stream of [child.stdout, child.stderr]) {
            const rl = createInterface({ input: stream });
            rl.on('line', (line) => opts.write(`${prefix(id)}${line}`));
            rl.on('close', done);
          }
        }),
    ),
  );
}
