import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DebianServer } from './catalogue.js';

/**
 * The three programs the runtime runs, as shell scripts in the cached server's bin/: each execs
 * (same pid, so the node's pid is the server's) the folder's own Debian 13 loader on the real
 * binary with the folder's libraries. The server binary is `<prefix>-check-rdb`; it picks server
 * or sentinel mode from the name `--argv0` gives it. The folder is found from the script's own
 * path, so the cache folder can move.
 */
export function wrapperScript(server: DebianServer, program: 'redis-server' | 'redis-sentinel' | 'redis-cli'): string {
  const p = server.prefix;
  const run =
    program === 'redis-cli' ? `"$root/usr/bin/${p}-cli"` : `--argv0 ${p}-${program === 'redis-server' ? 'server' : 'sentinel'} "$root/usr/bin/${p}-check-rdb"`;
  return [
    '#!/bin/sh',
    `# ${program} of ${server.name} (${server.toolsPackage} from Debian ${server.suite}), written by \`redis-arc servers add\`.`,
    'root="$(dirname "$(dirname "$(readlink -f "$0")")")/root"',
    'lib="$root/usr/lib/x86_64-linux-gnu"',
    `exec "$lib/ld-linux-x86-64.so.2" --library-path "$lib" ${run} "$@"`,
    '',
  ].join('\n');
}

export async function writeWrappers(dir: string, server: DebianServer): Promise<void> {
  await mkdir(join(dir, 'bin'), { recursive: true });
  for (const program of ['redis-server', 'redis-sentinel', 'redis-cli'] as const) {
    const path = join(dir, 'bin', program);
    await writeFile(path, wrapperScript(server, program));
    await chmod(path, 0o755);
  }
}
