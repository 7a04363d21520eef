import { chmod, mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DebianServer } from './catalogue.js';

type Program = 'redis-server' | 'redis-sentinel' | 'redis-cli';

/** The name each program runs under: the server picks server or sentinel mode from it, and it is the process' name. */
function runName(server: DebianServer, program: Program): string {
  return `${server.prefix}-${program === 'redis-server' ? 'server' : program === 'redis-sentinel' ? 'sentinel' : 'cli'}`;
}

/**
 * The three programs the runtime runs, as shell scripts in the cached server's bin/: each execs
 * (same pid, so the node's pid is the server's) the folder's own Debian 13 loader on the real
 * binary with the folder's libraries. The server binary is `<prefix>-check-rdb`; it picks server
 * or sentinel mode from the name `--argv0` gives it. The loader is reached through a symlink in
 * libexec/ named after the program, so the process' name (comm: ps, pgrep) is `valkey-server`
 * rather than `ld-linux-x86-64`. The folder is found from the script's own path, so it can move.
 */
export function wrapperScript(server: DebianServer, program: Program): string {
  const name = runName(server, program);
  const run = program === 'redis-cli' ? `"$root/usr/bin/${name}"` : `--argv0 ${name} "$root/usr/bin/${server.prefix}-check-rdb"`;
  return [
    '#!/bin/sh',
    `# ${program} of ${server.name} (${server.toolsPackage} from Debian ${server.suite}), written by \`redis-arc servers add\`.`,
    'dir="$(dirname "$(dirname "$(readlink -f "$0")")")"',
    'root="$dir/root"',
    'lib="$root/usr/lib/x86_64-linux-gnu"',
    `exec "$dir/libexec/${name}" --library-path "$lib" ${run} "$@"`,
    '',
  ].join('\n');
}

export async function writeWrappers(dir: string, server: DebianServer): Promise<void> {
  await Promise.all([mkdir(join(dir, 'bin'), { recursive: true }), mkdir(join(dir, 'libexec'), { recursive: true })]);
  for (const program of ['redis-server', 'redis-sentinel', 'redis-cli'] as const) {
    const path = join(dir, 'bin', program);
    await writeFile(path, wrapperScript(server, program));
    await chmod(path, 0o755);
    await symlink('../root/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2', join(dir, 'libexec', runName(server, program)));
  }
}
