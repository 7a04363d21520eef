import type { Job, Queue } from 'bullmq';
import { setTimeout as sleep } from 'node:timers/promises';
import { Opened } from './opened.js';
import { factOf, problemOf } from './problems.js';
import { nothingLeftToRun, settleUntil } from './settle.js';
import { counts } from './stats.js';
import type { RunningWorkload, Workload, WorkloadSetup } from './types.js';
import { markerOf } from './marker.js';

const NAME = 'long';
const EVERY_MS = 100;
const CONCURRENCY = 50;

/** Long jobs (`longMs` each, ~10/s, concurrency 50) that run across the fault: each acknowledged one completes once, without lock or key errors. */
export const long: Workload = {
  name: NAME,
  summary: `a job every ${EVERY_MS} ms that runs --long-ms (2 s by default), concurrency ${CONCURRENCY}: completed, lost, run twice, stalled, Missing lock/key errors, lock renewals that failed`,
  start,
};

/** The job id in BullMQ's `Missing lock for job 12. moveToFinished` / `Missing key for job 12. …` (finished-errors.js). */
const MISSING = /Missing (lock|key) for job (\S+?)\.(?:\s|$)/;

async function start(setup: WorkloadSetup): Promise<RunningWorkload> {
  const opened = new Opened(setup);
  try {
    const name = opened.name(NAME);
    // By marker (the add's index), not job id: ids can be issued twice when a failover loses the counter.
    const starts: number[] = [];
    const completed = new Set<number>();
    const stalled = new Set<string>();
    const renewalFailed = new Set<string>();
    const missing = { lock: new Set<string>(), key: new Set<string>() };
    const worker = await opened.worker(
      name,
      async (job) => {
        const marker = markerOf(job.data);
        if (marker !== undefined) starts.push(marker);
        await sleep(setup.settings.longMs);
      },
      { concurrency: CONCURRENCY },
    );
    const heard = (err: Error) => {
      const m = MISSING.exec(err.message);
      if (m?.[1] === 'lock' || m?.[1] === 'key') missing[m[1]].add(m[2] ?? err.message);
    };
    // The adapter drops 'error' so that an unheard one cannot crash the process; these listeners count what it dropped.
    worker.on('error', heard);
    worker.on('failed', (_job, err) => heard(err));
    worker.on('completed', (job: Job) => {
      const marker = markerOf(job.data);
      if (marker !== undefined) completed.add(marker);
    });
    worker.on('stalled', (jobId) => stalled.add(jobId));
    worker.on('lockRenewalFailed', (jobIds) => jobIds.forEach((id) => renewalFailed.add(id)));
    const queue = await opened.queue(name);
    const ticker = opened.ticker(EVERY_MS, (i) => queue.add(NAME, { marker: i }).then((j) => String(j.id)));
    ticker.start();
    const unfinished = () => [...ticker.acked.keys()].filter((m) => !completed.has(m));
    return {
      stopAdding: () => ticker.stop(),
      settle: (timeoutMs, signal) =>
        settleUntil(async () => unfinished().length === 0 || (await nothingLeftToRun([queue])), timeoutMs, signal).then(() => undefined),
      async check() {
        const notDone = await statesOf(
          queue,
          unfinished().map((m) => ({ marker: m, id: ticker.acked.get(m)?.value ?? '' })),
        );
        const lost = notDone.filter((j) => j.state === undefined).map((j) => j.id);
        const stillThere = notDone.filter((j): j is { id: string; state: string } => j.state !== undefined);
        const byState = [...counts(stillThere.map((j) => j.state))].map(([s, n]) => `${n} ${s}`).join(', ');
        const runTwice = [...counts(starts)].filter(([m, n]) => n > 1 && ticker.acked.has(m)).map(([m]) => ticker.acked.get(m)?.value ?? String(m));
        return {
          workload: NAME,
          figures: {
            added: ticker.issued,
            acked: ticker.acked.size,
            completed: [...completed].filter((m) => ticker.acked.has(m)).length,
            lost: lost.length,
            unfinished: stillThere.length,
            run_twice: runTwice.length,
            stalled: stalled.size,
            missing_lock_errors: missing.lock.size,
            missing_key_errors: missing.key.size,
            lock_renewal_failures: renewalFailed.size,
          },
          problems: [
            ...factOf(NAME, 'stuck', ticker.acked.size === 0, 'no long job was acknowledged: nothing was measured'),
            ...problemOf(NAME, 'lost', lost, 'acknowledged long jobs never completed and are gone from the final master'),
            ...problemOf(
              NAME,
              'stuck',
              stillThere.map((j) => j.id),
              `acknowledged long jobs never completed, still on the final master (${byState})`,
            ),
            ...problemOf(NAME, 'duplicated', runTwice, 'long jobs ran twice (their lock was lost and the job was taken again)'),
            ...problemOf(NAME, 'error', [...missing.lock], 'long jobs could not be finished: Missing lock'),
            ...problemOf(NAME, 'error', [...missing.key], 'long jobs could not be finished: Missing key (the job record vanished while it ran)'),
            ...problemOf(NAME, 'error', [...stalled], 'long jobs stalled (moved back by the stalled checker)'),
            ...problemOf(NAME, 'error', [...renewalFailed], 'long jobs whose lock could not be renewed'),
          ],
          notes: [],
        };
      },
      close: () => opened.close(),
    };
  } catch (err) {
    await opened.close();
    throw err;
  }
}

/** Where each job is on the final master; `state` undefined: its record is gone (or its id now holds another job). */
async function statesOf(queue: Queue, jobs: { marker: number; id: string }[]): Promise<{ id: string; state?: string }[]> {
  return Promise.all(
    jobs.map(async ({ marker, id }) => {
      const job = id ? await queue.getJob(id) : undefined;
      if (!job || markerOf(job.data) !== marker) return { id };
      return { id, state: await job.getState() };
    }),
  );
}
