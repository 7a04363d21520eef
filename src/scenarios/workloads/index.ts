import { delayed } from './delayed.js';
import { events } from './events.js';
import { flow } from './flow.js';
import { long } from './long.js';
import type { BuiltinWorkload } from './names.js';
import { priority } from './priority.js';
import { retries } from './retries.js';
import type { Workload } from './types.js';

/** The built-in workloads by name; `jobs` is the trial's own load, not one of these. */
const CATALOGUE: Record<Exclude<BuiltinWorkload, 'jobs'>, Workload | undefined> = {
  scheduler: undefined,
  delayed,
  flow,
  long,
  events,
  retries,
  priority,
};

export function builtinWorkload(name: Exclude<BuiltinWorkload, 'jobs'>): Workload {
  const w = CATALOGUE[name];
  if (!w) throw new Error(`workload ${name} is not built yet`);
  return w;
}
