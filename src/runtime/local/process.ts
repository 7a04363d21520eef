import { tryListen } from '../../ports/listen.js';
import { retryUntil } from '../../wait/retry.js';
import { bootId, commandLine, cwdOf, pidExists, pidLive, procStart, procState } from '../../system/proc.js';
import { listensOn } from '../../system/sockets.js';

export interface Identity {
  pid: number;
  /** The port the process was started with; undefined when only its working folder names it. */
  port?: number;
  /** /proc start time when it was spawned: with the pid, the process itself. */
  procStart?: string;
  /** The boot that start time was read in. */
  bootId?: string;
  /** The node's folder, where its process works (Redis' `dir`), deleted or not. */
  dir?: string;
}

export type Liveness = 'running' | 'paused' | 'gone' | 'reused';

/**
 * Is `pid` still the node process we started, whatever binary it runs (Redis, Valkey, a wrapper's
 * exec)? A node is its process: the pid with the start time /proc gave when it was spawned, in
 * that boot. Without both on record (a state file from before they were, a pid file, a process
 * found by its working folder) the process must show it is the node: a Redis title
 * naming the port (the check of old), or the node's port held open from the node's folder.
 * A pid that now belongs to something else is 'reused' and must never be signalled.
 */
export async function liveness(id: Identity): Promise<Liveness> {
  if (id.pid <= 1 || !pidExists(id.pid)) return 'gone';
  const state = await procState(id.pid);
  // A zombie has exited; only its parent has yet to collect it.
  if (state === 'Z') return 'gone';
  const current = state === 'T' ? 'paused' : 'running';
  const start = await procStart(id.pid);
  // No /proc (macOS): the pid is all there is to go by. With /proc, the process has just ended.
  if (start === undefined) return (await procStart(process.pid)) === undefined ? current : 'gone';
  if (id.procStart && start !== id.procStart) return 'reused';
  if (id.procStart && id.bootId) return id.bootId === (await bootId()) ? current : 'reused';
  return (await showsNode(id)) ? current : 'reused';
}

async function showsNode(id: Identity): Promise<boolean> {
  // The check of old: Redis retitles itself `redis-server 127.0.0.1:PORT`: the whole port must end an address (`:6380` is not `:63801`).
  const cmd = (await commandLine(id.pid)) ?? '';
  const titled = /redis-(server|sentinel)/.test(cmd) && (id.port === undefined || new RegExp(`:${id.port}(?!\\d)`).test(cmd));
  if (titled) return true;
  if (id.dir !== undefined && (await cwdOf(id.pid)) !== id.dir) return false;
  return listensOn(id.pid, id.port);
}

/** Wait until `pid` has exited (a zombie counts: only its reaping is pending); false on timeout. */
export async function waitGone(pid: number, timeoutMs: number): Promise<boolean> {
  const r = await retryUntil(
    () => pidLive(pid),
    (live) => !live,
    { timeoutMs, intervalMs: 25 },
  );
  return r.ok;
}

/**
 * After a SIGKILL: wait until the process is gone and its port can be bound again. A fork of the
 * node (a diskless replication's RDB child) can hold the listening socket a moment longer, and a
 * restart then failed with "Address already in use" (seen once in CI).
 */
export async function waitKilled(pid: number, at: { host: string; port: number }, timeoutMs: number): Promise<void> {
  await waitGone(pid, timeoutMs);
  await retryUntil(
    () => tryListen(at.host, at.port),
    (why) => why === undefined,
    { timeoutMs, intervalMs: 50 },
  );
}
