/**
 * `redis-arc/workload`: the shape of a user's own workload module, which `--workload FILE` runs
 * beside a trial's load on every profile, next to `--client`.
 *
 * ```js
 * // my-workload.mjs
 * import { defineWorkload } from 'redis-arc/workload';
 * export default defineWorkload({
 *   name: 'invoices',
 *   everyMs: 100,
 *   add: ({ queue, i }) => queue.add('invoice', { n: i }, { attempts: 2 }),
 *   process: async (job) => ({ total: job.data.n * 2 }),
 *   check: async ({ acked, queue }) => ((await queue.getFailedCount()) > 0 ? ['some invoices failed'] : []),
 * });
 * ```
 * The tool adds at the module's rate, runs its processor on a worker, and accounts every
 * acknowledged job by its id: completed exactly once, never completed, completed twice. `check`
 * adds the module's own problems. Type-only imports: this module costs nothing at run time.
 */
import type { Job, Queue } from 'bullmq';

/** An add that BullMQ acknowledged: the tick `i` it was made on, the job's id, when (epoch ms). */
export interface AckedJob {
  i: number;
  id: string;
  atEpochMs: number;
}

export interface WorkloadCheckInput {
  /** Every acknowledged add, in tick order. */
  acked: readonly AckedJob[];
  /** How many times the processor completed (returned without throwing) for each job id. */
  ran: ReadonlyMap<string, number>;
  /** The workload's queue, on the final master. */
  queue: Queue;
}

export interface WorkloadDefinition {
  /** A short name: the queue-name part and the summary (the workload itself is named by its path). */
  name?: string;
  /** How often one job is added (ms); 50 (20 a second) when absent. */
  everyMs?: number;
  /** Worker concurrency; 10 when absent. */
  concurrency?: number;
  /** Add the tick's job: the module's own job name, data and options. It must resolve with the added Job. */
  add(input: { queue: Queue; i: number }): Promise<Job>;
  /** What the worker does with a job; throwing fails the attempt (BullMQ retries it if its options say so). */
  process(job: Job): unknown;
  /** The module's own invariants, read after the run settled: one line per problem, none when all held. */
  check?(input: WorkloadCheckInput): string[] | Promise<string[]>;
}

/** Checks a workload module's shape in the editor; returns what it is given. */
export function defineWorkload(definition: WorkloadDefinition): WorkloadDefinition {
  return definition;
}
