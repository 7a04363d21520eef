import { retryUntil } from '../../wait/retry.js';
import { commandLine, pidExists, pidLive, procStart, procState } from '../../system/proc.js';

export interface Identity {
  pid: number;
  /** The port the process was started with; undefined when only its working folder names it. */
  port?: number;
  procStart?: string;
}

export type Liveness = 'running' | 'paused' | 'gone' | 'reused';

/**
 * Is `pid` still the Redis process we started? Redis retitles itself `redis-server 127.0.0.1:PORT`,
 * so the port (when known) must end an address in its command line (`:6380` is not `:63801`),
 * and where /proc exists its start time must match. A pid that now belongs to something else is
 * 'reused' and must never be signalled.
 */
export async function liveness(id: Identity): Promise<Liveness> {
  if (id.pid <= 1 || !pidExists(id.pid)) return 'gone';
  const start = await procStart(id.pid);
  if (id.procStart && start && start !== id.procStart) return 'reused';
  const cmd = await commandLine(id.pid);
  if (cmd !== undefined && !(/redis-(server|sentinel)/.test(cmd) && (id.port === undefined || new RegExp(`:${id.port}(?!\\d)`).test(cmd)))) return 'reused';
  const state = await procState(id.pid);
  // A zombie has exited; only its parent has yet to collect it.
  if (state === 'Z') return 'gone';
  return state === 'T' ? 'paused' : 'running';
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
