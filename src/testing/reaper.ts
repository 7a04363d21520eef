import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { ArcError } from '../errors/index.js';
import { processesByCwd, signal } from '../system/proc.js';
import { releaseFilesOf } from '../ports/slot-locks.js';

/**
 * The reaper (after Testcontainers' Ryuk: one per session, told what to remove over a connection
 * whose drop is the signal): a small detached process, shared by every topology this process (or
 * worker thread) starts, that outlives a test runner killed with SIGKILL.
 *
 * It is a shell reading a pipe whose other end only this process holds. Each topology is written
 * to it (`watch`) before its first node starts, and again (`done`) once disposed. However this
 * process ends (disposal forgotten, a crash, `kill -9`, a worker thread torn down), the kernel
 * closes its end, the shell sees end-of-file and, if some topology was never disposed, hands the
 * lines to this file run as a script, which kills every process started under each such folder and
 * deletes it. Waiting costs no polling and no pid checks (a pid can be reused; a closed pipe is
 * final). The shell costs ~1 ms of CPU where node takes ~50 ms, and it is spawned once, not per
 * topology: a start pays one write, not a spawn.
 *
 * A docker topology's containers are no processes under the folder: its line names its compose
 * project too, whose containers, networks and volumes are removed by label.
 *
 * Run as a script: `node reaper.js` reads those lines on stdin and reaps what was not `done`.
 */
const WAIT_THEN_REAP = `
live=0 lines=''
while IFS= read -r line; do
  case $line in
    'watch '*) live=$((live + 1)) ;;
    'done '*) live=$((live - 1)) ;;
  esac
  lines="$lines$line
"
done
[ "$live" -gt 0 ] && printf %s "$lines" | "$@"`;

interface Watched {
  dir: string;
  composeProject?: string;
  /** Port slot lock files, removed if they still name `pid`, the process that started the topology. */
  locks?: string[];
  pid?: number;
}

/** This process' (thread's) reaper: spawned on first use; again if it was killed. */
let reaper: { pipe: Socket } | undefined;

function reaperPipe(): Socket {
  if (reaper && !reaper.pipe.destroyed) return reaper.pipe;
  // cwd '/': the reaper is no process "under a folder" itself.
  const child = spawn('/bin/sh', ['-c', WAIT_THEN_REAP, 'redis-arc-reaper', process.execPath, reaperScript()], {
    detached: true,
    stdio: ['pipe', 'ignore', 'ignore'],
    cwd: '/',
  });
  // Neither the pipe nor the child may keep this process alive: its exit is what the reaper waits for.
  const pipe = child.stdin;
  if (!(pipe instanceof Socket)) throw new ArcError('redis-arc: the reaper was spawned without a pipe to its stdin');
  const current = { pipe };
  pipe.on('error', () => undefined);
  pipe.unref();
  child.on('error', () => undefined);
  child.once('exit', () => {
    if (reaper === current) reaper = undefined;
  });
  child.unref();
  if (!child.pid) throw new ArcError('redis-arc: could not start the reaper (/bin/sh)');
  reaper = current;
  return pipe;
}

/** Put `dir` in the reaper's care (before any node starts); the returned function takes it out (disposal, once the nodes are stopped). */
export function startReaper(dir: string, composeProject?: string, locks: string[] = []): () => void {
  const entry = JSON.stringify({ dir, ...(composeProject && { composeProject }), ...(locks.length && { locks, pid: process.pid }) } satisfies Watched);
  const pipe = reaperPipe();
  // A short write to a pipe with room goes to the kernel within the call, before the first node is spawned.
  pipe.write(`watch ${entry}\n`);
  let ended = false;
  return () => {
    if (ended) return;
    ended = true;
    if (!pipe.destroyed) pipe.write(`done ${entry}\n`);
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

/**
 * Start something whose processes run under `dir` with the reaper already watching it: however
 * this process ends (a second Ctrl-C's immediate exit, kill -9, a crash), what runs under `dir`
 * is killed and `dir` deleted. Disposal runs the started thing's own disposal, then reaps.
 */
export async function startWatched<T extends AsyncDisposable>(dir: string, start: () => Promise<T>): Promise<T> {
  const stopReaper = startReaper(dir);
  const cleanup = async () => {
    await reap(dir);
    stopReaper();
  };
  try {
    const started = await start();
    return {
      ...started,
      async [Symbol.asyncDispose]() {
        await started[Symbol.asyncDispose]();
        await cleanup();
      },
    };
  } catch (err) {
    await cleanup();
    throw err;
  }
}

/** A `watch`/`done` line's topology, or undefined for a line that is not one. */
function watchedOf(value: unknown): Watched | undefined {
  if (typeof value !== 'object' || value === null || !('dir' in value) || typeof value.dir !== 'string') return undefined;
  const composeProject = 'composeProject' in value && typeof value.composeProject === 'string' ? value.composeProject : undefined;
  const locks = 'locks' in value && Array.isArray(value.locks) ? value.locks.filter((l): l is string => typeof l === 'string') : [];
  const pid = 'pid' in value && typeof value.pid === 'number' ? value.pid : undefined;
  return { dir: value.dir, ...(composeProject !== undefined && { composeProject }), ...(pid !== undefined && locks.length && { locks, pid }) };
}

/** The topologies the lines watch and never said were done. */
export function undisposed(lines: string[]): Watched[] {
  const watched = new Map<string, Watched>();
  for (const line of lines) {
    const [verb, ...rest] = line.split(' ');
    try {
      const entry = watchedOf(JSON.parse(rest.join(' ')));
      if (!entry) continue;
      if (verb === 'watch') watched.set(entry.dir, entry);
      if (verb === 'done') watched.delete(entry.dir);
    } catch {
      // a line cut short by the crash: nothing to act on
    }
  }
  return [...watched.values()];
}

async function main(): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  const left = undisposed(Buffer.concat(chunks).toString('utf8').split('\n'));
  await Promise.all(
    left.map(async ({ dir, composeProject, locks, pid }) => {
      // Loaded only when needed: the docker modules (execa) are most of a start-up.
      if (composeProject) await import('../runtime/docker/containers.js').then((m) => m.removeByLabel(composeProject, true, undefined)).catch(() => undefined);
      await reap(dir);
      // The ports are free once the nodes are gone: give them back.
      if (pid !== undefined && locks) releaseFilesOf(pid, locks);
    }),
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
