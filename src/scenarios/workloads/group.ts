import { errorLine } from '../../errors/thrown.js';
import type { Moments, RunningWorkload, Workload, WorkloadReport, WorkloadSetup } from './types.js';

/** A trial's (or a smoke run's) workloads, started together on one profile and ended together. */
export interface WorkloadGroup {
  stopAdding(): Promise<void>;
  settle(timeoutMs: number, signal?: AbortSignal): Promise<void>;
  check(moments: Moments): Promise<WorkloadReport[]>;
  close(): Promise<void>;
}

/**
 * Start each workload in turn, each on queues named `<setup.queuePrefix>-<its name>`; if one fails
 * to start, those already started are closed before the error is thrown.
 */
export async function startWorkloads(workloads: readonly Workload[], setup: WorkloadSetup): Promise<WorkloadGroup> {
  const running: RunningWorkload[] = [];
  const close = () => Promise.all(running.map((r) => r.close().catch(() => undefined))).then(() => undefined);
  try {
    for (const w of workloads) running.push(await w.start({ ...setup, queuePrefix: `${setup.queuePrefix}-${safe(w.name)}` }));
  } catch (err) {
    await close();
    throw err;
  }
  return {
    stopAdding: () => Promise.all(running.map((r) => r.stopAdding())).then(() => undefined),
    // They settle side by side: the slowest (delayed jobs not yet due, long jobs) sets the time.
    settle: (timeoutMs, signal) => Promise.all(running.map((r) => r.settle(timeoutMs, signal))).then(() => undefined),
    check: async (moments) => {
      const reports: WorkloadReport[] = [];
      for (const [i, r] of running.entries()) reports.push(await r.check(moments).catch((err: unknown) => failedCheck(workloads[i]?.name ?? '?', err)));
      return reports;
    },
    close,
  };
}

/** A check that could not read the final master measured nothing: that is a problem, never a pass. */
function failedCheck(workload: string, err: unknown): WorkloadReport {
  const why = errorLine(err);
  return { workload, figures: {}, problems: [{ kind: 'stuck', count: 1, line: `${workload}: its check could not read the final master (${why})` }], notes: [] };
}

/** A module path as a queue-name part: letters, digits and dashes. */
const safe = (name: string) =>
  name
    .replace(/^.*\//, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .slice(0, 24);
