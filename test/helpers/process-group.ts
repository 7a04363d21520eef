import { readdirSync, readFileSync } from 'node:fs';

/** The live (not zombie) processes whose process group is `group`, read from /proc. */
export function liveMembersOf(group: number): number[] {
  const found: number[] = [];
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(pgrp) === group && state !== 'Z') found.push(Number(pid));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

/** A process's state letter from /proc (R, S, T when stopped, Z), or undefined when it is gone. */
export function processState(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
  } catch {
    return undefined;
  }
}
