import { Opened } from './opened.js';
import { factOf, problemOf } from './problems.js';
import { nothingLeftToRun, settleUntil } from './settle.js';
import { quantile } from './stats.js';
import type { RunningWorkload, Workload, WorkloadSetup } from './types.js';
import { markerOf } from './marker.js';

const NAME = 'delayed';
const DELAY_MS = 3000;
const EVERY_MS = 50;
/** Later than this after its due time is a problem where no fault ran (smoke). */
export const DELAYED_LATE_MS = 1000;

/** Delayed jobs (3 s delay, one per 50 ms): every acknowledged one runs exactly once; how late. */
export const delayed: Workload = {
  name: NAME,
  summary: `a job delayed ${DELAY_MS / 1000} s every ${EVERY_MS} ms: each acknowledged one runs exactly once; lateness (run − due) p50/p99/max`,
  start,
};

async function start(setup: WorkloadSetup): Promise<RunningWorkload> {
  const opened = new Opened(setup);
  try {
    const name = opened.name(NAME);
    /** Each run of a marker: when it ran (epoch ms) and when it was due (BullMQ's timestamp + delay). */
    const runs = new Map<number, { atEpochMs: number; dueEpochMs: number }[]>();
    await opened.worker(
      name,
      (job) => {
        const marker = markerOf(job.data);
        const due = job.timestamp + (job.opts.delay ?? 0);
        if (marker !== undefined) runs.set(marker, [...(runs.get(marker) ?? []), { atEpochMs: Date.now(), dueEpochMs: due }]);
        return Promise.resolve();
      },
      { concurrency: 20 },
    );
    const queue = await opened.queue(name);
    const ticker = opened.ticker(EVERY_MS, (i) => queue.add(NAME, { marker: i }, { delay: DELAY_MS }).then((j) => String(j.id)));
    ticker.start();
    const unrun = () => [...ticker.acked.keys()].filter((m) => !runs.has(m));
    return {
      stopAdding: () => ticker.stop(),
      // Every acknowledged job is due within DELAY_MS of the heal; a job that is not there will never run.
      settle: (timeoutMs, signal) =>
        settleUntil(async () => unrun().length === 0 || (await nothingLeftToRun([queue])), timeoutMs, signal).then(() => undefined),
      check() {
        const lateness = [...runs.values()].flatMap((r) => (r[0] ? [Math.max(0, r[0].atEpochMs - r[0].dueEpochMs)] : []));
        const neverRan = unrun().map((m) => ticker.acked.get(m)?.value ?? String(m));
        const ranTwice = [...runs].filter(([, r]) => r.length > 1).map(([m]) => ticker.acked.get(m)?.value ?? String(m));
        const late = lateness.filter((l) => l > DELAYED_LATE_MS).length;
        const p = (q: number) => quantile(lateness, q);
        return Promise.resolve({
          workload: NAME,
          figures: {
            added: ticker.issued,
            acked: ticker.acked.size,
            ran: [...runs.keys()].filter((m) => ticker.acked.has(m)).length,
            never_ran: neverRan.length,
            ran_twice: ranTwice.length,
            late_p50_ms: p(0.5),
            late_p99_ms: p(0.99),
            late_max_ms: p(1),
          },
          problems: [
            ...factOf(NAME, 'stuck', ticker.acked.size === 0, 'no delayed job was acknowledged: nothing was measured'),
            ...problemOf(NAME, 'lost', neverRan, 'acknowledged delayed jobs never ran'),
            ...problemOf(NAME, 'duplicated', ranTwice, 'delayed jobs ran twice'),
            ...factOf(NAME, 'late', late > 0, `${late} delayed jobs ran over ${DELAYED_LATE_MS} ms after they were due (max ${p(1)} ms)`, late),
          ],
          notes: [],
        });
      },
      close: () => opened.close(),
    };
  } catch (err) {
    await opened.close();
    throw err;
  }
}
