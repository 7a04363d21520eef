import { readdir, readFile, readlink } from 'node:fs/promises';
import { ArcError } from '../errors/index.js';

/**
 * What Linux' /proc says about a process. Every reader returns undefined where /proc is missing
 * (macOS) or the process has gone, so callers decide what an unknown means.
 */

/** The fields of /proc/<pid>/stat after the command name, which may contain spaces and parentheses. */
async function statFields(pid: number): Promise<string[] | undefined> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  return stat?.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** Start time of a process in clock ticks since boot (field 22): tells a process from a later one with the same pid. */
export async function procStart(pid: number): Promise<string | undefined> {
  return (await statFields(pid))?.[19];
}

/** The parent's pid (field 4): a Redis fork (BGSAVE, AOF rewrite) shares its parent's folder and sockets. */
export async function procParent(pid: number): Promise<number | undefined> {
  const ppid = (await statFields(pid))?.[1];
  return ppid === undefined ? undefined : Number(ppid);
}

/** This boot's id: a start time (ticks since boot) names a process within one boot only. */
export async function bootId(): Promise<string | undefined> {
  return (await readFile('/proc/sys/kernel/random/boot_id', 'utf8').catch(() => undefined))?.trim();
}

/** The working folder; one deleted while the process ran still names where it was (processesByCwd). */
export async function cwdOf(pid: number): Promise<string | undefined> {
  return (await readlink(`/proc/${pid}/cwd`).catch(() => undefined))?.replace(/ \(deleted\)$/, '');
}

/** The one-letter state: R, S, T (stopped by SIGSTOP), Z (exited, not yet reaped), ... */
export async function procState(pid: number): Promise<string | undefined> {
  return (await statFields(pid))?.[0];
}

/** Resident set size (VmRSS of /proc/<pid>/status) in KiB. */
export async function rssKiB(pid: number): Promise<number | undefined> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => undefined);
  const kib = status && /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
  return kib ? Number(kib) : undefined;
}

/** The command line, arguments separated by spaces (a retitled Redis shows `redis-server 127.0.0.1:PORT`). */
export async function commandLine(pid: number): Promise<string | undefined> {
  const raw = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => undefined);
  return raw?.replace(/\0/g, ' ').trim();
}

/** The program and script a process was started as (its first two arguments), e.g. `node /usr/bin/redis-arc`. */
export async function programOf(pid: number): Promise<string | undefined> {
  const raw = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => undefined);
  return raw === undefined ? undefined : raw.split('\0').slice(0, 2).join(' ');
}

/** The errno code process.kill threw with (system/ sits beside errors/, so it reads the field itself). */
const killCode = (err: unknown): unknown => (err instanceof Error && 'code' in err ? err.code : undefined);

/** True while a process with this pid exists (one owned by another user included). */
export function pidExists(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return killCode(err) === 'EPERM';
  }
}

/** Exists and has not exited: a zombie only waits for its parent to collect it. */
export async function pidLive(pid: number): Promise<boolean> {
  return pidExists(pid) && (await procState(pid)) !== 'Z';
}

/** Send a signal to a process that may have ended since it was checked; a vanished one is no error. */
export function signal(pid: number, sig: NodeJS.Signals): boolean {
  try {
    process.kill(pid, sig);
    return true;
  } catch (err) {
    if (killCode(err) === 'ESRCH') return false;
    if (killCode(err) === 'EPERM') throw new NotPermittedError(pid, sig);
    throw err;
  }
}

/** `kill` refused: the process is another user's. */
export class NotPermittedError extends ArcError {
  constructor(
    readonly pid: number,
    sig: NodeJS.Signals,
  ) {
    super(`pid ${pid} runs as another user, whom redis-arc may not send ${sig} (EPERM); stop it as that user or with sudo`);
  }
}

/**
 * Every process whose working folder is under `root`, grouped by that folder. A folder deleted
 * while the process ran reads as `<path> (deleted)`: it still names where the process was started.
 */
export async function processesByCwd(root: string): Promise<Map<string, number[]>> {
  const out = new Map<string, number[]>();
  const pids = (await readdir('/proc').catch((): string[] => [])).filter((entry) => /^\d+$/.test(entry));
  // All at once, not one after the other: on a busy host the serial reads took tens of ms.
  const cwds = await Promise.all(pids.map((pid) => readlink(`/proc/${pid}/cwd`).catch(() => undefined)));
  for (const [i, link] of cwds.entries()) {
    const cwd = link?.replace(/ \(deleted\)$/, '');
    if (!cwd || (cwd !== root && !cwd.startsWith(`${root}/`))) continue;
    out.set(cwd, [...(out.get(cwd) ?? []), Number(pids[i])]);
  }
  return out;
}
