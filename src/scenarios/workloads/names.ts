/**
 * The built-in workloads, cheap to import (the command line's help and validation). `jobs` is
 * the trial's plain load, which always runs: the stopwatch and the outage are measured on it.
 */
export const WORKLOADS = ['jobs', 'scheduler', 'delayed', 'flow', 'long', 'events', 'retries', 'priority', 'dedup', 'limiter'] as const;
export type BuiltinWorkload = (typeof WORKLOADS)[number];

export const isBuiltinWorkload = (name: string): name is BuiltinWorkload => WORKLOADS.some((w) => w === name);

/** A `--workload` entry that is not a built-in is a module path: it has a slash or a `.js`/`.mjs`/`.ts` ending. */
export const looksLikeModule = (name: string): boolean => name.includes('/') || /\.(m?js|c?js|ts|mts)$/.test(name);
