import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** Live (non-zombie) Redis and Valkey processes whose working folder is under `dir`: what a project started. */
export function redisProcessesUnder(dir: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (!readlinkSync(`/proc/${entry}/cwd`).startsWith(dir)) continue;
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const state = stat.slice(stat.lastIndexOf(')') + 2)[0];
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (state !== 'Z' && /^(redis|valkey)-(server|sentinel)$/.test(comm)) pids.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}

/** Last resort for afterAll: whatever a failed test left behind under `dir` is killed. */
export function killRedisUnder(dir: string): number[] {
  const pids = redisProcessesUnder(dir);
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGCONT');
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  return pids;
}

export function statePids(specDir: string): Record<string, number> {
  const state = JSON.parse(readFileSync(`${specDir}/.redis-arc/local/state.json`, 'utf8')) as { nodes: Record<string, { pid: number }> };
  return Object.fromEntries(Object.entries(state.nodes).map(([id, n]) => [id, n.pid]));
}

/** True while `pid` runs (a zombie has exited: only its reaping is pending). */
export function isLive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** The one-letter /proc state of a process (R, S, T for stopped, Z), or undefined when it is gone. */
export function processState(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0];
  } catch {
    return undefined;
  }
}
