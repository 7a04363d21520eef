/**
 * The process groups of the user's commands (`--fault-cmd`, `--heal-cmd`): each command runs as
 * the leader of its own group, so whatever it starts in the background (a `kubectl port-forward`,
 * a `sleep` holding its stdout) can be ended with it. A group still alive when redis-arc exits, by
 * whatever path (an error, a second Ctrl-C, process.exit), is killed in the exit hook.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** How long a group has to end after SIGTERM before it gets SIGKILL. */
export const KILL_GRACE_MS = 2000;
const POLL_MS = 50;

const live = new Set<number>();
let hooked = false;

function killLeftAtExit(): void {
  for (const group of live) signalGroup(group, 'SIGKILL');
}

/** Remember a group (by its leader's pid) until `endGroup`. */
export function trackGroup(group: number): void {
  live.add(group);
  if (hooked) return;
  hooked = true;
  // 'exit' runs synchronously on every ending that runs JavaScript at all; only SIGKILL of redis-arc escapes it.
  process.on('exit', killLeftAtExit);
}

/** The group is no longer ended at exit: what is left of it was meant to outlive redis-arc. */
export function untrackGroup(group: number): void {
  live.delete(group);
}

/** false once no process of the group is left to signal. */
export function signalGroup(group: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-group, signal);
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM to the whole group, SIGKILL to what is left after `graceMs`; resolves once nothing of it is left (or the grace ran out). */
export async function endGroup(group: number, graceMs = KILL_GRACE_MS): Promise<void> {
  if (signalGroup(group, graceMs > 0 ? 'SIGTERM' : 'SIGKILL')) {
    const deadline = performance.now() + graceMs;
    while (performance.now() < deadline && hasLiveMember(group)) await sleep(POLL_MS);
    if (hasLiveMember(group)) signalGroup(group, 'SIGKILL');
  }
  live.delete(group);
}

/** A process of the group that is not a zombie (a zombie is gone, only not reaped yet; signals reach it without effect). */
function hasLiveMember(group: number): boolean {
  if (!signalGroup(group, 0)) return false;
  const members = groupMembers(group);
  return members === undefined || members.some((m) => m.state !== 'Z');
}

/** The processes of a group, read from /proc (Linux); undefined without /proc, where a group counts as alive while it can be signalled. */
export function groupMembers(group: number): { pid: number; state: string }[] | undefined {
  return procStats()
    ?.filter((s) => s.pgrp === group)
    .map(({ pid, state }) => ({ pid, state }));
}

function procStats(): { pid: number; state: string; pgrp: number }[] | undefined {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return undefined;
  }
  const out: { pid: number; state: string; pgrp: number }[] = [];
  for (const pid of pids) {
    try {
      // Fields after the command name, which is in parentheses and may itself hold spaces or ')'.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const [state = '', , pgrp = ''] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.push({ pid: Number(pid), state, pgrp: Number(pgrp) });
    } catch {
      // gone meanwhile
    }
  }
  return out;
}
