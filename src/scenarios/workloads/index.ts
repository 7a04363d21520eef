import { dedup } from './dedup.js';
import { delayed } from './delayed.js';
import { events } from './events.js';
import { flow } from './flow.js';
import { limiter } from './limiter.js';
import { long } from './long.js';
import type { BuiltinWorkload } from './names.js';
import { priority } from './priority.js';
import { retries } from './retries.js';
import { scheduler } from './scheduler.js';
import type { Workload } from './types.js';

/** The built-in workloads by name; `jobs` is the trial's own load, not one of these. */
const CATALOGUE: Record<Exclude<BuiltinWorkload, 'jobs'>, Workload> = {
  scheduler,
  delayed,
  flow,
  long,
  events,
  retries,
  priority,
  dedup,
  limiter,
};

/** A workload named in `names.ts` without a definition here does not compile. */
export const builtinWorkload = (name: Exclude<BuiltinWorkload, 'jobs'>): Workload => CATALOGUE[name];
