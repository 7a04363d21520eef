import { delayed } from './delayed.js';
import type { BuiltinWorkload } from './names.js';
import { scheduler } from './scheduler.js';
import type { Workload } from './types.js';

/** The built-in workloads by name; `jobs` is the trial's own load, not one of these. */
const CATALOGUE: Record<Exclude<BuiltinWorkload, 'jobs'>, Workload | undefined> = {
  scheduler,
  delayed,
  flow: undefined,
  long: undefined,
  events: undefined,
};

export function builtinWorkload(name: Exclude<BuiltinWorkload, 'jobs'>): Workload {
  const w = CATALOGUE[name];
  if (!w) throw new Error(`workload ${name} is not built yet`);
  return w;
}
