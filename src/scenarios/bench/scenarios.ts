import type { JobsOptions, Queue, Worker } from 'bullmq';
import { openQueue, openWorker } from '../../connect/bullmq.js';
import { ArcError } from '../../errors/index.js';
import { EventBus } from '../../events/index.js';
import type { Mode } from '../../events/producer.js';
import type { ClientProfile } from '../../profiles/types.js';
import { benchQueueName, payloadOf, removeQueue, stopIfAborted, untilStopped, type BenchContext } from './context.js';
import { latencyHistogram, percentilesMs, recordMs } from './histogram.js';
import type { Percentiles, RunMeasurement } from './types.js';
import { progressWatch, withinStall } from './stall.js';
import { SYSTEM_CLOCK } from '../../wait/retry.js';

/*
 * Each scenario runs on a client profile: redis-arc's (the event layer's producer in `mode`, on
 * the bench's own connections) or, with `--client`, an application's (a bare `queue.add`, the
 * profile's connections and BullMQ). The profile makes the producer and the worker connection.
 */

const measured = (jobs: number, elapsedMs: number): RunMeasurement => ({
  jobs,
  elapsedMs: Math.round(elapsedMs),
  jobsPerSec: Math.round((jobs / elapsedMs) * 1000),
});

/** The profile's producer for a run's queue (redis-arc's adds through the bench's producer connection). */
const producerOn = (ctx: BenchContext, profile: ClientProfile, mode: Mode, queueName: string) =>
  profile.producer({ target: ctx.target, queueName, prefix: ctx.prefix, mode, own: ctx.producerConn });

/** A worker of the profile on a run's queue (redis-arc's on the bench's worker connection). */
async function workerOn(
  ctx: BenchContext,
  profile: ClientProfile,
  queueName: string,
  concurrency: number,
): Promise<{ worker: Worker; close(): Promise<void> }> {
  const lease = await profile.lease('worker', ctx.target, ctx.workerConn);
  const worker = openWorker({ name: queueName, prefix: ctx.prefix, connection: lease.connection, bullmq: profile.libs.bullmq }, async () => {}, {
    concurrency,
  });
  return { worker, close: () => worker.close().finally(() => lease.close()) };
}

/** `add` (inflight 1) and `add-concurrent`: adds through the profile's producer, `inflight` awaited at a time. */
export async function runAdds(ctx: BenchContext, profile: ClientProfile, mode: Mode, jobs: number, inflight: number): Promise<RunMeasurement> {
  const queueName = benchQueueName('add');
  const made = await producerOn(ctx, profile, mode, queueName);
  const { producer } = made;
  const payloads = Array.from({ length: jobs }, (_, i) => payloadOf(i, ctx.settings.payloadBytes));
  try {
    await withinStall(made.ready(), profile.name, 'the producer connection was not ready');
    let next = 0;
    const t0 = performance.now();
    const lane = async () => {
      while (next < jobs) {
        stopIfAborted(ctx);
        const i = next++;
        const payload = payloads[i];
        if (payload) await producer.emit('content.save.requested', payload, { id: `${queueName}-${i}` });
      }
    };
    // Every lane ends before the queue is removed: on Ctrl-C (or a failed add) the others still
    // have an add in flight, which would land after the removal and leave its keys.
    const lanes = await Promise.allSettled(Array.from({ length: inflight }, lane));
    const failed = lanes.find((l) => l.status === 'rejected');
    if (failed) throw failed.reason;
    // The bus's emit returns before the add: the run ends when every forward has settled.
    await untilStopped(ctx, producer.idle());
    const elapsed = performance.now() - t0;
    if (producer instanceof EventBus && producer.dropped) throw new Error(`bus dropped ${producer.dropped} event(s) during the run`);
    return measured(jobs, elapsed);
  } finally {
    await producer.close();
    await removeQueue(ctx, queueName);
  }
}

/** A Queue of its own for one run (on the bench's producer connection), closed and removed afterwards whatever the run did. */
async function withQueue<T>(ctx: BenchContext, scenario: string, run: (queue: Queue, queueName: string) => Promise<T>): Promise<T> {
  const queueName = benchQueueName(scenario);
  const queue = openQueue({ name: queueName, prefix: ctx.prefix, connection: ctx.producerConn });
  try {
    return await run(queue, queueName);
  } finally {
    await queue.close();
    await removeQueue(ctx, queueName);
  }
}

/** `jobs` fetch-content jobs through Queue.addBulk, `batch` at a time; `opts` gives job i its options. */
async function addInBatches(ctx: BenchContext, queue: Queue, jobs: number, batch: number, opts?: (i: number) => JobsOptions): Promise<void> {
  for (let i = 0; i < jobs; i += batch) {
    stopIfAborted(ctx);
    const n = Math.min(batch, jobs - i);
    await queue.addBulk(
      Array.from({ length: n }, (_, k) => ({ name: 'fetch-content', data: payloadOf(i + k, ctx.settings.payloadBytes), ...(opts && { opts: opts(i + k) }) })),
    );
  }
}

/** `add-bulk`: Queue.addBulk in batches (a Queue API: the event layer has no bulk emit). */
export async function runAddBulk(ctx: BenchContext, jobs: number, batch: number): Promise<RunMeasurement> {
  return withQueue(ctx, 'add-bulk', async (queue, queueName) => {
    const t0 = performance.now();
    await addInBatches(ctx, queue, jobs, batch, (i) => ({ attempts: 3, jobId: `${queueName}-${i}` }));
    return measured(jobs, performance.now() - t0);
  });
}

/** `process`: a pre-filled queue (the fill, through the bench's connection, is not timed) drained by one worker of the profile at `concurrency`. */
export async function runProcess(ctx: BenchContext, profile: ClientProfile, jobs: number, concurrency: number): Promise<RunMeasurement> {
  return withQueue(ctx, 'process', async (queue, queueName) => {
    await addInBatches(ctx, queue, jobs, 1000);
    // The profile's connection is made before the clock starts, BullMQ's worker after (as an application starts one).
    const lease = await profile.lease('worker', ctx.target, ctx.workerConn);
    let worker: Worker | undefined;
    try {
      let done = 0;
      const t0 = performance.now();
      const watch = progressWatch(profile.name, 'the worker completed no job');
      const finished = new Promise<number>((resolve) => {
        worker = openWorker({ name: queueName, prefix: ctx.prefix, connection: lease.connection, bullmq: profile.libs.bullmq }, async () => {}, {
          concurrency,
        });
        worker.on('completed', () => {
          watch.progressed();
          if (++done === jobs) resolve(performance.now());
        });
      });
      try {
        return measured(jobs, (await untilStopped(ctx, Promise.race([finished, watch.stalled]))) - t0);
      } finally {
        watch.stop();
      }
    } finally {
      // A worker that never connected may wait for its connection to close: bounded, the run is over either way.
      await withinStall(worker?.close() ?? Promise.resolve(), profile.name, 'the worker did not close').catch(() => undefined);
      await lease.close();
    }
  });
}

/**
 * `latency`: adds at a fixed offered rate for a duration; each job's latency runs from its
 * intended send time (not the actual one) to its completion, so a stalled sender cannot hide
 * the stall (coordinated omission).
 */
const LATENCY_DRAIN_MS = 30_000;

/** A latency run always has its percentiles: a run whose jobs did not all complete throws instead. */
export async function runLatency(ctx: BenchContext, profile: ClientProfile, mode: Mode): Promise<RunMeasurement & { latencyMs: Percentiles }> {
  const { rate, durationS } = ctx.settings;
  const queueName = benchQueueName('latency');
  const { producer } = await producerOn(ctx, profile, mode, queueName);
  const due = new Map<string, number>();
  const histogram = latencyHistogram();
  const total = Math.round(rate * durationS);
  let running: { worker: Worker; close(): Promise<void> } | undefined;
  try {
    let completed = 0;
    let failed = 0;
    running = await workerOn(ctx, profile, queueName, 50);
    const { worker } = running;
    const allDone = new Promise<void>((resolve) => {
      worker.on('completed', (job) => {
        const start = due.get(String(job.id));
        if (start !== undefined) recordMs(histogram, performance.now() - start);
        if (++completed === total) resolve();
      });
    });
    await untilStopped(ctx, worker.waitUntilReady());
    const t0 = performance.now();
    const interval = 1000 / rate;
    for (let i = 0; i < total; i++) {
      const at = t0 + i * interval;
      const wait = at - performance.now();
      if (wait > 1) await SYSTEM_CLOCK.sleep(wait, ctx.signal);
      stopIfAborted(ctx);
      const id = `${queueName}-${i}`;
      due.set(id, at);
      void producer.emit('content.save.requested', payloadOf(i, ctx.settings.payloadBytes), { id }).catch(() => void failed++);
    }
    let drainTimer: NodeJS.Timeout | undefined;
    // Cleared, so a library caller's process is not held open for the rest of the 30 s.
    await untilStopped(ctx, Promise.race([allDone, new Promise((r) => (drainTimer = setTimeout(r, LATENCY_DRAIN_MS)))])).finally(() =>
      clearTimeout(drainTimer),
    );
    const elapsed = performance.now() - t0;
    // Percentiles without the jobs that failed or never finished would flatter the tail: no figure instead.
    const dropped = failed + (producer instanceof EventBus ? producer.dropped : 0);
    if (completed < total)
      throw new ArcError(`latency run: ${total - completed} of ${total} job(s) not completed (${dropped} add(s) failed) within ${LATENCY_DRAIN_MS / 1000} s`);
    return { ...measured(completed, elapsed), latencyMs: percentilesMs(histogram) };
  } finally {
    await running?.close();
    await producer.close();
    await removeQueue(ctx, queueName);
  }
}
