import { FEW } from './stats.js';
import type { ProblemKind, WorkloadProblem } from './types.js';

/** The problem when `ids` is not empty: `<workload>: <count> <what>`, with a few of the ids. */
export function problemOf(workload: string, kind: ProblemKind, ids: readonly string[], what: string): WorkloadProblem[] {
  return ids.length ? [{ kind, count: ids.length, line: `${workload}: ${ids.length} ${what}`, examples: ids.slice(0, FEW) }] : [];
}

/** A problem that is one fact rather than a set of ids. */
export function factOf(workload: string, kind: ProblemKind, holds: boolean, line: string, count = 1): WorkloadProblem[] {
  return holds ? [{ kind, count, line: `${workload}: ${line}` }] : [];
}
