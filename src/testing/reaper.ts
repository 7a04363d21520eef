import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { ArcError } from '../errors/index.js';
import { processesByCwd, signal } from '../system/proc.js';

/**
 * The reaper (after Testcontainers' Ryuk, which reaps when its client's connection drops): a
 * small detached process per topology that outlives a test runner killed with SIGKILL.
 *
 * It is a shell blocked reading a pipe whose other end only this process holds. However this
 * process ends (disposal forgotten, a crash, `kill -9`), the kernel closes that end, the read sees
 * end-of-file, and the shell runs this file as a script, which kills every process started under
 * the topology's folder and deletes the folder. A normal disposal writes `done` instead, and the
 * shell exits. Waiting costs no polling and no pid checks (a pid can be reused; a closed pipe is
 * final), and a shell starts in ~1 ms of CPU where node takes ~50 ms: CPU the nodes starting
 * beside it need.
 *
 * A docker topology's containers are no processes under the folder: the reaper is given its
 * compose project too, and removes its containers, networks and volumes by label.
 *
 * Run as a script: `node reaper.js <folder> [compose project]` reaps at once.
 */
const WAIT_THEN_REAP = 'read -r line; [ "$line" = done ] || exec "$@"';

/** Start the reaper for `dir` (spawned when this returns); the returned function ends it (disposal, once the nodes are stopped). */
export function startReaper(dir: string, composeProject?: string): () => void {
  const script = reaperScript();
  // cwd '/': the reaper is no process "under the folder" itself.
  const child = spawn('/bin/sh', ['-c', WAIT_THEN_REAP, 'redis-arc-reaper', process.execPath, script, dir, ...(composeProject ? [composeProject] : [])], {
    detached: true,
    stdio: ['pipe', 'ignore', 'ignore'],
    cwd: '/',
  });
  // Neither the pipe nor the child may keep this process alive: its exit is what the reaper waits for.
  const pipe = child.stdin as Socket;
  pipe.on('error', () => undefined);
  pipe.unref();
  child.on('error', () => undefined);
  child.unref();
  if (!child.pid) throw new ArcError(`redis-arc: could not start the reaper (/bin/sh) for ${dir}`);
  let ended = false;
  return () => {
    if (ended) return;
    ended = true;
    pipe.end('done\n');
  };
}

/** The compiled script: beside this file when running from dist, else in dist (tests run the sources). */
function reaperScript(): string {
  const self = fileURLToPath(import.meta.url);
  const script = self.endsWith('.js') ? self : fileURLToPath(new URL('../../dist/testing/reaper.js', import.meta.url));
  if (!existsSync(script)) throw new ArcError(`redis-arc: ${script} is missing; run \`npm run build\` (the reaper runs compiled)`);
  return script;
}

/** Kill what runs under `dir` until nothing does, then delete it. */
export async function reap(dir: string): Promise<void> {
  for (let round = 0; round < 20; round++) {
    const pids = [...(await processesByCwd(dir)).values()].flat().filter((p) => p !== process.pid);
    if (!pids.length) break;
    for (const pid of pids) {
      signal(pid, 'SIGCONT'); // a paused node dies only once resumed
      signal(pid, 'SIGKILL');
    }
    await sleep(50);
  }
  rmSync(dir, { recursive: true, force: true });
}

async function main([dir, composeProject]: string[]): Promise<void> {
  if (!dir) return;
  // Loaded only when needed: the docker modules (execa) are most of a start-up.
  if (composeProject) await import('../runtime/docker/containers.js').then((m) => m.removeByLabel(composeProject, true, undefined)).catch(() => undefined);
  await reap(dir);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main(process.argv.slice(2));
