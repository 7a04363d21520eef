import type { Job } from 'bullmq';
import { Opened } from './opened.js';
import { factOf, problemOf } from './problems.js';
import { nothingLeftToRun, settleUntil } from './settle.js';
import type { RunningWorkload, Workload, WorkloadSetup } from './types.js';
import { markerOf } from './marker.js';

const NAME = 'retries';
const EVERY_MS = 50;
const ATTEMPTS = 3;
const BACKOFF_MS = 100;
/** The processor fails the first run on purpose and succeeds on the second: a job completes with exactly this many attempts. */
const EXPECTED_ATTEMPTS = 2;

/** Jobs retried with a fixed backoff: each acknowledged one completes exactly once, on its second attempt. */
export const retries: Workload = {
  name: NAME,
  summary: `a job every ${EVERY_MS} ms with ${ATTEMPTS} attempts and a fixed ${BACKOFF_MS} ms backoff, failing its first attempt on purpose: each acknowledged one completes exactly once with ${EXPECTED_ATTEMPTS} attempts made`,
  start,
};

async function start(setup: WorkloadSetup): Promise<RunningWorkload> {
  const opened = new Opened(setup);
  try {
    const name = opened.name(NAME);
    /** Runs of each marker, as the processor counted them (its own count, not BullMQ's). */
    const runs = new Map<number, number>();
    /** BullMQ's attemptsMade of each completion of a marker, as the worker saw it complete. */
    const completions = new Map<number, number[]>();
    const failedForGood = new Set<number>();
    const worker = await opened.worker(
      name,
      (job) => {
        const marker = markerOf(job.data);
        if (marker === undefined) return Promise.resolve();
        const run = (runs.get(marker) ?? 0) + 1;
        runs.set(marker, run);
        return run === 1 ? Promise.reject(new Error('the first attempt fails on purpose')) : Promise.resolve();
      },
      { concurrency: 20 },
    );
    worker.on('completed', (job: Job) => {
      const marker = markerOf(job.data);
      if (marker !== undefined) completions.set(marker, [...(completions.get(marker) ?? []), job.attemptsMade]);
    });
    worker.on('failed', (job: Job | undefined) => {
      const marker = markerOf(job?.data);
      if (job && marker !== undefined && job.attemptsMade >= (job.opts.attempts ?? 1)) failedForGood.add(marker);
    });
    const queue = await opened.queue(name);
    const ticker = opened.ticker(EVERY_MS, (i) =>
      queue.add(NAME, { marker: i }, { attempts: ATTEMPTS, backoff: { type: 'fixed', delay: BACKOFF_MS } }).then((j) => String(j.id)),
    );
    ticker.start();
    const idOf = (m: number) => ticker.acked.get(m)?.value ?? String(m);
    const open = () => [...ticker.acked.keys()].filter((m) => !completions.has(m) && !failedForGood.has(m));
    return {
      stopAdding: () => ticker.stop(),
      settle: (timeoutMs, signal) => settleUntil(async () => open().length === 0 || (await nothingLeftToRun([queue])), timeoutMs, signal).then(() => undefined),
      async check() {
        // A job failed for good by the stalled-jobs checker emits no worker event: read the final master for those still open.
        for (const m of open()) if ((await queue.getJobState(idOf(m))) === 'failed') failedForGood.add(m);
        const acked = [...ticker.acked.keys()];
        const completed = acked.filter((m) => completions.has(m));
        const attemptsOff = completed.filter((m) => {
          const made = completions.get(m) ?? [];
          return runs.get(m) !== EXPECTED_ATTEMPTS || made.length !== 1 || made[0] !== EXPECTED_ATTEMPTS;
        });
        const ranExtra = attemptsOff.filter((m) => (runs.get(m) ?? 0) > EXPECTED_ATTEMPTS || (completions.get(m)?.length ?? 0) > 1);
        const attemptLost = attemptsOff.filter((m) => !ranExtra.includes(m));
        const failed = acked.filter((m) => failedForGood.has(m));
        const neverCompleted = acked.filter((m) => !completions.has(m) && !failedForGood.has(m));
        return {
          workload: NAME,
          figures: {
            added: ticker.issued,
            acked: acked.length,
            completed: completed.length,
            failed_for_good: failed.length,
            attempts_lost: attemptsOff.length,
            never_completed: neverCompleted.length,
          },
          problems: [
            ...factOf(NAME, 'stuck', acked.length === 0, 'no job was acknowledged: nothing was measured'),
            ...problemOf(NAME, 'lost', neverCompleted.map(idOf), 'acknowledged jobs never completed'),
            ...problemOf(NAME, 'lost', failed.map(idOf), `acknowledged jobs ended failed (their ${ATTEMPTS} attempts used up)`),
            ...problemOf(NAME, 'lost', attemptLost.map(idOf), `jobs completed with an attempt lost (attemptsMade not ${EXPECTED_ATTEMPTS})`),
            ...problemOf(NAME, 'duplicated', ranExtra.map(idOf), `jobs ran more than ${EXPECTED_ATTEMPTS} times or completed twice`),
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
