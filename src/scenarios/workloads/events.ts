import type { Job, Queue, QueueEvents } from 'bullmq';
import { setTimeout as sleep } from 'node:timers/promises';
import { Opened } from './opened.js';
import { factOf, problemOf } from './problems.js';
import { settleUntil } from './settle.js';
import { counts } from './stats.js';
import type { Moments, RunningWorkload, Workload, WorkloadSetup } from './types.js';

const NAME = 'events';
const EVERY_MS = 50;
const WORKERS = ['w1', 'w2'] as const;
/** After the heal, this many probe jobs (one per EVERY_MS) give every worker work to show that it still fetches. */
const PROBES = 40;
const READY_MS = 5000;

/** Two workers and a QueueEvents on a queue of their own: each completion seen exactly once; a worker that stopped fetching (bullmq#648) named. */
export const events: Workload = {
  name: NAME,
  summary: `a job every ${EVERY_MS} ms for workers ${WORKERS.join(' and ')}, watched by a QueueEvents: each completion seen exactly once; after the heal ${PROBES} probe jobs, and a worker that takes none of them stopped fetching`,
  start,
};

/** A job's key, its data and its return value (what QueueEvents reports back): `a<i>` an add of the load, `p<i>` a probe, `h<i>` a hello. */
type Key = string;

async function start(setup: WorkloadSetup): Promise<RunningWorkload> {
  const opened = new Opened(setup);
  try {
    const name = opened.name(NAME);
    const completed = new Map<Key, { worker: string; atEpochMs: number }>();
    const seen: Key[] = [];
    const queueEvents = await opened.events(name);
    queueEvents.on('completed', ({ returnvalue }) => {
      if (typeof returnvalue === 'string') seen.push(returnvalue);
    });
    for (const w of WORKERS) {
      const worker = await opened.worker(name, (job: Job) => Promise.resolve(keyOf(job.data)), { name: w });
      worker.on('completed', (job: Job) => {
        const key = keyOf(job.data);
        if (key !== undefined && !completed.has(key)) completed.set(key, { worker: w, atEpochMs: Date.now() });
      });
    }
    const queue = await opened.queue(name);
    await untilReading(queue, queueEvents, seen);
    const add = (prefix: string) => (i: number) => queue.add(NAME, { key: `${prefix}${i}` }).then((j) => String(j.id));
    const ticker = opened.ticker(EVERY_MS, add('a'));
    const probes = opened.ticker(EVERY_MS, add('p'));
    let probedAtEpochMs: number | undefined;
    ticker.start();

    const counted = () => [...completed.keys()].filter((k) => !k.startsWith('h'));
    const seenOnce = () => new Set(seen);
    const stopped = () => WORKERS.filter((w) => ![...completed].some(([k, c]) => c.worker === w && k.startsWith('p')));
    const pending = () => {
      const done = [...ticker.acked.keys()].every((i) => completed.has(`a${i}`)) && [...probes.acked.keys()].every((i) => completed.has(`p${i}`));
      const s = seenOnce();
      return !done || counted().some((k) => !s.has(k)) || stopped().length > 0;
    };
    return {
      stopAdding: () => ticker.stop(),
      async settle(timeoutMs, signal) {
        const end = performance.now() + timeoutMs;
        probedAtEpochMs = Date.now();
        probes.start();
        await sleep(PROBES * EVERY_MS, undefined, signal && { signal }).catch(() => undefined);
        await probes.stop();
        await settleUntil(() => !pending(), Math.max(0, end - performance.now()), signal);
      },
      check(moments) {
        const keys = counted();
        const s = seenOnce();
        const missed = keys.filter((k) => !s.has(k));
        const seenTwice = [...counts(seen)].filter(([k, n]) => n > 1 && completed.has(k) && !k.startsWith('h')).map(([k]) => k);
        const noProbe = probes.acked.size === 0;
        const stoppedLines = noProbe ? [] : stopped().map((w) => `worker ${w} stopped fetching (${lastActivity(w, completed, moments, probedAtEpochMs)})`);
        return Promise.resolve({
          workload: NAME,
          figures: {
            added: ticker.issued,
            acked: ticker.acked.size,
            probes_acked: probes.acked.size,
            completions: keys.length,
            seen: keys.filter((k) => s.has(k)).length,
            missed: missed.length,
            seen_twice: seenTwice.length,
            workers_stopped: noProbe ? null : stoppedLines.length,
          },
          problems: [
            ...factOf(NAME, 'stuck', ticker.acked.size === 0, 'no job was acknowledged: nothing was measured'),
            ...factOf(
              NAME,
              'stuck',
              ticker.acked.size > 0 && noProbe,
              'no probe job was acknowledged after the heal: whether the workers still fetch was not measured',
            ),
            ...stoppedLines.map((line) => ({ kind: 'stuck' as const, count: 1, line: `${NAME}: ${line}` })),
            ...problemOf(NAME, 'lost', missed, 'completions QueueEvents never saw (lost events)'),
            ...problemOf(NAME, 'duplicated', seenTwice, 'completions QueueEvents saw twice'),
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

/**
 * QueueEvents reads the stream from `$`, fixed by its first XREAD: a completion before that read
 * is not an event it missed. Hello jobs are added until it reports one, so that the load's
 * first job is already read for; they count nowhere.
 */
async function untilReading(queue: Queue, queueEvents: QueueEvents, seen: Key[]): Promise<void> {
  const end = performance.now() + READY_MS;
  for (let i = 0; performance.now() < end; i++) {
    await queue.add(NAME, { key: `h${i}` });
    await sleep(100);
    if (seen.some((k) => k.startsWith('h'))) return;
  }
  throw new Error(`events: QueueEvents reported no completion within ${READY_MS / 1000} s of its start`);
}

/** `last completion 4.1 s before the heal` (the probes' start in smoke), or `no completion at all`. */
function lastActivity(worker: string, completed: Map<Key, { worker: string; atEpochMs: number }>, moments: Moments, probedAtEpochMs?: number): string {
  const times = [...completed.values()].filter((c) => c.worker === worker).map((c) => c.atEpochMs);
  if (times.length === 0) return 'no completion at all';
  const [ref, what] = moments.healedEpochMs !== undefined ? [moments.healedEpochMs, 'the heal'] : [probedAtEpochMs ?? Date.now(), 'the probes'];
  const ago = (ref - Math.max(...times)) / 1000;
  return `last completion ${Math.abs(ago).toFixed(1)} s ${ago >= 0 ? 'before' : 'after'} ${what}`;
}

const keyOf = (data: unknown): Key | undefined =>
  typeof data === 'object' && data !== null && 'key' in data && typeof data.key === 'string' ? data.key : undefined;
