import { Opened } from './opened.js';
import { factOf, problemOf } from './problems.js';
import { nothingLeftToRun, settleUntil } from './settle.js';
import type { RunningWorkload, Workload, WorkloadSetup } from './types.js';
import { markerOf } from './marker.js';

const NAME = 'dedup';
const EVERY_MS = 50;
/** Consecutive adds that share one deduplication id: add i carries `d<floor(i / GROUP)>`. */
const GROUP = 5;
/** BullMQ's throttle mode: the `de:<id>` key lives this long, far longer than a group's adds (GROUP × EVERY_MS). */
const TTL_MS = 10_000;

/**
 * Deduplicated jobs (BullMQ's throttle mode, `deduplication: { id, ttl }`): within the ttl exactly
 * one job runs per deduplication id. BullMQ keeps the id in `<prefix>:<queue>:de:<id>` (SET PX NX
 * in the add script); an add that finds the key creates no job and answers with the existing
 * job's id. A failover can lose that key (written on the old master, not replicated before the
 * promotion) while the job it names survived: the group's next add then creates a second job, and
 * both run: duplicated. The key and its job go in one script, so a lost add usually loses both,
 * and the next add starts the group afresh (one job, nothing lost); a job lost with its key still
 * there is a group whose later adds all point at a job that will never run: lost.
 */
export const dedup: Workload = {
  name: NAME,
  summary: `a job every ${EVERY_MS} ms, each ${GROUP} consecutive ones under one deduplication id (ttl ${TTL_MS / 1000} s): exactly one job runs per id (never ran, ran twice)`,
  start,
};

const groupOf = (marker: number) => Math.floor(marker / GROUP);
const idOf = (group: number) => `d${group}`;

async function start(setup: WorkloadSetup): Promise<RunningWorkload> {
  const opened = new Opened(setup);
  try {
    const name = opened.name(NAME);
    /** Each run by deduplication group: the job's id and its timestamp (when the add that created it was made). */
    const runs = new Map<number, { jobId: string; timestamp: number }[]>();
    await opened.worker(
      name,
      (job) => {
        const marker = markerOf(job.data);
        if (marker !== undefined) runs.set(groupOf(marker), [...(runs.get(groupOf(marker)) ?? []), { jobId: String(job.id), timestamp: job.timestamp }]);
        return Promise.resolve();
      },
      { concurrency: 20 },
    );
    const queue = await opened.queue(name);
    // A deduplicated add resolves with a Job carrying the existing job's id (the add script returns it).
    const ticker = opened.ticker(EVERY_MS, (i) =>
      queue.add(NAME, { marker: i }, { deduplication: { id: idOf(groupOf(i)), ttl: TTL_MS } }).then((j) => String(j.id)),
    );
    ticker.start();
    const ackedGroups = () => [...new Set([...ticker.acked.keys()].map(groupOf))];
    return {
      stopAdding: () => ticker.stop(),
      settle: (timeoutMs, signal) =>
        settleUntil(async () => ackedGroups().every((g) => runs.has(g)) || (await nothingLeftToRun([queue])), timeoutMs, signal).then(() => undefined),
      check() {
        const groups = ackedGroups();
        const neverRan = groups.filter((g) => !runs.has(g));
        const ranTwice = groups.filter((g) => brokeDedup(runs.get(g) ?? []));
        const answers = [...ticker.acked].map(([i, a]) => ({ group: groupOf(i), jobId: a.value }));
        const jobs = new Set(answers.map((a) => `${a.group} ${a.jobId}`)).size;
        const deduplicated = answers.length - jobs;
        const multiAdd = groups.some((g) => answers.filter((a) => a.group === g).length > 1);
        return Promise.resolve({
          workload: NAME,
          figures: {
            added: ticker.issued,
            acked: ticker.acked.size,
            ids: groups.length,
            jobs,
            deduplicated,
            ran: groups.filter((g) => runs.has(g)).length,
            never_ran: neverRan.length,
            ran_twice: ranTwice.length,
          },
          problems: [
            ...factOf(NAME, 'stuck', ticker.acked.size === 0, 'no add was acknowledged: nothing was measured'),
            ...problemOf(NAME, 'lost', neverRan.map(idOf), 'deduplication ids acknowledged but no job of theirs ran'),
            ...problemOf(
              NAME,
              'duplicated',
              ranTwice.map(idOf),
              `deduplication ids ran more than one job within the ${TTL_MS / 1000} s ttl (or one job twice)`,
            ),
          ],
          notes:
            multiAdd && deduplicated === 0
              ? ['dedup: no add was deduplicated at all: this BullMQ may not have deduplication (`deduplication` job option, BullMQ 5.15 and later)']
              : [],
        });
      },
      close: () => opened.close(),
    };
  } catch (err) {
    await opened.close();
    throw err;
  }
}

/**
 * One job ran twice, or two distinct jobs ran whose adds were made within the ttl of each other
 * (an add after the ttl legitimately starts a new job: a failover whose outage held adds back
 * that long is not a broken deduplication).
 */
function brokeDedup(runs: { jobId: string; timestamp: number }[]): boolean {
  if (new Set(runs.map((r) => r.jobId)).size < runs.length) return true;
  const times = runs.map((r) => r.timestamp).sort((a, b) => a - b);
  return times.some((t, k) => k > 0 && t - (times[k - 1] ?? t) < TTL_MS);
}
