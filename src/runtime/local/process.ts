import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

/** Start time of a process in clock ticks since boot (/proc/<pid>/stat field 22); undefined off Linux. */
export async function procStart(pid: number): Promise<string | undefined> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  // The command name (field 2) may contain spaces and parentheses: split after the last ')'.
  return stat?.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
}

export async function procState(pid: number): Promise<string | undefined> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  return stat?.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
}

async function commandLine(pid: number): Promise<string | undefined> {
  const raw = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => undefined);
  return raw?.replace(/\0/g, ' ').trim();
}

function exists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface Identity {
  pid: number;
  port: number;
  procStart?: string;
}

export type Liveness = 'running' | 'paused' | 'gone' | 'reused';

/**
 * Is `pid` still the Redis process we started? Redis retitles itself `redis-server 127.0.0.1:PORT`,
 * so the port must appear in its command line, and where /proc exists its start time must match.
 * A pid that now belongs to something else is 'reused' and must never be signalled.
 */
export async function liveness(id: Identity): Promise<Liveness> {
  if (!Number.isInteger(id.pid) || id.pid <= 1 || !exists(id.pid)) return 'gone';
  const start = await procStart(id.pid);
  if (id.procStart && start && start !== id.procStart) return 'reused';
  const cmd = await commandLine(id.pid);
  if (cmd !== undefined && !(/redis-(server|sentinel)/.test(cmd) && cmd.includes(`:${id.port}`))) return 'reused';
  const state = await procState(id.pid);
  // A zombie has exited; only its parent has yet to collect it.
  if (state === 'Z') return 'gone';
  return state === 'T' ? 'paused' : 'running';
}

export async function waitGone(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    // A zombie (our own child that exited) counts as gone.
    if (!exists(pid) || (await procState(pid)) === 'Z') return true;
    await sleep(25);
  }
  return !exists(pid);
}

/** Send a signal to a process that may have ended since it was checked; a vanished one is no error. */
export function signal(pid: number, sig: NodeJS.Signals): boolean {
  try {
    process.kill(pid, sig);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw err;
  }
}
