import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { ArcError } from '../errors/index.js';
import { procStart, processesByCwd, signal } from '../system/proc.js';

/**
 * The reaper (after Testcontainers' Ryuk): a small detached process per topology that outlives
 * a test runner killed with SIGKILL. It polls its parent; once the parent is gone (or is another
 * process with the same pid) it kills every process started under the topology's folder and
 * deletes the folder. It leaves by itself once the folder is gone (a normal disposal).
 *
 * A docker topology's containers are no processes under the folder: the reaper is given its
 * compose project too, and removes its containers, networks and volumes by label.
 *
 * Run as a script: `node reaper.js <parent pid> <parent start time> <folder> [compose project]`.
 */
const POLL_MS = 200;

/** Start the reaper for `dir`; the returned function ends it (disposal, once the nodes are stopped). */
export async function startReaper(dir: string, composeProject?: string): Promise<() => void> {
  const script = reaperScript();
  const start = (await procStart(process.pid)) ?? '';
  // cwd '/': the reaper is no process "under the folder" itself.
  const child = spawn(process.execPath, [script, String(process.pid), start, dir, ...(composeProject ? [composeProject] : [])], { detached: true, stdio: 'ignore', cwd: '/' });
  child.unref();
  const pid = child.pid;
  return () => {
    if (pid) signal(pid, 'SIGTERM');
  };
}

/** The compiled script: beside this file when running from dist, else in dist (tests run the sources). */
function reaperScript(): string {
  const self = fileURLToPath(import.meta.url);
  const script = self.endsWith('.js') ? self : fileURLToPath(new URL('../../dist/testing/reaper.js', import.meta.url));
  if (!existsSync(script)) throw new ArcError(`redis-arc: ${script} is missing; run \`npm run build\` (the reaper runs compiled)`);
  return script;
}

async function parentGone(pid: number, start: string): Promise<boolean> {
  const now = await procStart(pid);
  return now === undefined || (start !== '' && now !== start);
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

async function main([pid, start, dir, composeProject]: string[]): Promise<void> {
  if (!pid || start === undefined || !dir) return;
  process.on('SIGTERM', () => process.exit(0));
  while (existsSync(dir)) {
    if (await parentGone(Number(pid), start)) {
      // Loaded only when needed: the docker modules (execa) tripled the reaper's start-up, CPU
      // taken from the nodes starting beside it.
      if (composeProject) await import('../runtime/docker/containers.js').then((m) => m.removeByLabel(composeProject, true, undefined)).catch(() => undefined);
      return reap(dir);
    }
    await sleep(POLL_MS);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main(process.argv.slice(2));
