import { isDeepStrictEqual } from 'node:util';
import { randomBytes } from 'node:crypto';
import type { Job, Worker } from 'bullmq';
import { openQueue, openWorker, removeQueue, within } from '../../connect/bullmq.js';
import { closeConnection, connect, whenReady } from '../../connect/connect.js';
import { assertQueuePrefix, defaultPrefix } from '../../connect/queue-prefix.js';
import { CONTENT_JOB_OPTIONS, type EventPayload, type EventRoutes } from '../../events/catalog.js';
import { createProducer, EventBus } from '../../events/index.js';
import type { EventProducer, Mode } from '../../events/producer.js';
import { countKeys, globEscape } from '../keys.js';
import { countJobs, RUNNABLE_STATES, waitUntilQueueIdle } from '../queue-idle.js';
import type { SmokeModeResult, SmokeOptions } from './types.js';

type Payload = EventPayload<'content.save.requested'>;
const EMIT_CONCURRENCY = 32;
const WORKER_CONCURRENCY = 16;
/** How long the cleanup of a run that ended early may take. */
const CLEANUP_MS = 5000;

/** Enqueue N events through one mode, consume them with a real worker, and account for every one. */
export async function smokeMode(mode: Mode, opts: SmokeOptions): Promise<SmokeModeResult> {
  const t0 = performance.now();
  const run = randomBytes(4).toString('hex');
  const queueName = `redis-arc-smoke-${run}-${mode}`;
  const prefix = opts.prefix ?? defaultPrefix(opts.target.kind);
  // The seed's route and retry policy, on a queue of this run's own, and no other route: a producer
  // opens (and BullMQ writes the meta key of) every queue it routes to, in a Redis that may not be ours.
  const routes: EventRoutes = {
    'content.save.requested': [{ queueName, jobName: 'fetch-content', jobOptions: CONTENT_JOB_OPTIONS }],
    'content.processing.completed': [],
  };
  const expected = new Map<string, Payload>();
  for (let i = 0; i < opts.jobs; i++) {
    expected.set(`smoke-${run}-${i}`, { libraryItemId: `item-${i}`, userId: `user-${i % 7}`, url: `https://example.com/articles/${i}`, contentType: 'HTML' });
  }

  // Refused before any connection is opened: a cluster queue without a hash tag would fail with CROSSSLOT.
  assertQueuePrefix(opts.target.kind, queueName, prefix);
  const producerConn = connect(opts.target, 'producer');
  const workerConn = connect(opts.target, 'worker');
  await whenReady(producerConn);
  let acked = 0;
  let failedAdds = 0;
  const completions = new Map<string, number>();
  const corrupted = new Set<string>();
  let worker: Worker | undefined;
  let producer: EventProducer | undefined;
  let removed = false;
  try {
    const p = createProducer(mode, {
      connection: producerConn,
      prefix,
      topologyKind: opts.target.kind,
      routes,
      observer: { acked: () => void acked++, failed: () => void failedAdds++ },
    });
    producer = p;
    opts.onProgress?.(`${mode}: enqueueing ${opts.jobs} events`);
    const events = [...expected];
    const ids = events.map(([id]) => id);
    for (let i = 0; i < events.length && !opts.signal?.aborted; i += EMIT_CONCURRENCY) {
      await Promise.allSettled(events.slice(i, i + EMIT_CONCURRENCY).map(([id, payload]) => p.emit('content.save.requested', payload, { id })));
    }
    await p.idle();
    await opts.hooks?.afterEnqueue?.({ queueName, prefix, connection: producerConn, ids });

    opts.onProgress?.(`${mode}: consuming`);
    const at = { name: queueName, prefix };
    worker = openWorker(
      { ...at, connection: workerConn },
      async (job: Job) => {
        const id = String(job.id);
        if (!isDeepStrictEqual(job.data, expected.get(id))) corrupted.add(id);
        completions.set(id, (completions.get(id) ?? 0) + 1);
        await opts.hooks?.afterProcess?.(job);
      },
      { concurrency: WORKER_CONCURRENCY },
    );
    const queue = openQueue({ ...at, connection: producerConn });
    try {
      // Done when nothing is left that could still run.
      const idle = await waitUntilQueueIdle(() => countJobs(queue, [...RUNNABLE_STATES, 'waiting-children']), {
        timeoutMs: opts.timeoutMs,
        intervalMs: 50,
        ...(opts.signal && { signal: opts.signal }),
      });
      const timedOut = !idle;
      await worker.close();
      worker = undefined;
      const left = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed');
      const leftover = { waiting: left.waiting ?? 0, active: left.active ?? 0, delayed: left.delayed ?? 0, failed: left.failed ?? 0 };
      await removeQueue({ ...at, connection: producerConn });
      removed = true;
      const keysLeft = await countKeys(producerConn, `${globEscape(prefix)}:${globEscape(queueName)}:*`);
      return summarize({ mode, queueName, prefix, expected, acked, failedAdds, completions, corrupted, leftover, keysLeft, timedOut, opts, producer: p, t0 });
    } finally {
      await queue.close();
    }
  } finally {
    await worker?.close(true);
    await producer?.close();
    // Whatever ended the run early (an exception, Ctrl-C), the queue of this run goes; bounded, as Redis may be what failed.
    if (!removed) await within(CLEANUP_MS, removeQueue({ name: queueName, prefix, connection: producerConn }));
    await Promise.all([closeConnection(producerConn), closeConnection(workerConn)]);
  }
}

function summarize(s: {
  mode: Mode;
  queueName: string;
  prefix: string;
  expected: Map<string, Payload>;
  acked: number;
  failedAdds: number;
  completions: Map<string, number>;
  corrupted: Set<string>;
  leftover: SmokeModeResult['leftover'];
  keysLeft: number;
  timedOut: boolean;
  opts: SmokeOptions;
  producer: EventProducer;
  t0: number;
}): SmokeModeResult {
  const ids = [...s.expected.keys()];
  const missing = ids.filter((id) => !s.completions.has(id));
  const duplicates = ids.filter((id) => (s.completions.get(id) ?? 0) > 1);
  const busDropped = s.producer instanceof EventBus ? s.producer.dropped : undefined;
  const problems: string[] = [];
  const few = (list: string[]) => `${list.slice(0, 5).join(', ')}${list.length > 5 ? `, … (${list.length} in all)` : ''}`;
  if (s.failedAdds) problems.push(`${s.failedAdds} add(s) failed`);
  if (busDropped) problems.push(`${busDropped} event(s) dropped by the bus after emit returned`);
  if (missing.length) problems.push(`${missing.length} job(s) never processed: ${few(missing)}`);
  if (duplicates.length) problems.push(`${duplicates.length} job(s) processed more than once: ${few(duplicates)}`);
  if (s.corrupted.size) problems.push(`${s.corrupted.size} job(s) with altered data: ${few([...s.corrupted])}`);
  const left = Object.entries(s.leftover).filter(([, n]) => n > 0);
  if (left.length) problems.push(`left in the queue: ${left.map(([k, n]) => `${n} ${k}`).join(', ')}`);
  if (s.keysLeft) problems.push(`${s.keysLeft} key(s) of the smoke queue left in Redis after cleanup`);
  if (s.timedOut) problems.push(`timed out after ${s.opts.timeoutMs} ms`);
  const interrupted = Boolean(s.opts.signal?.aborted);
  // An interrupted run's missing jobs say nothing about Redis: report the interruption alone.
  if (interrupted) problems.splice(0, problems.length, 'interrupted before every job was accounted for');
  return {
    mode: s.mode,
    queue: s.queueName,
    prefix: s.prefix,
    enqueued: ids.length,
    acked: s.acked,
    failedAdds: s.failedAdds,
    processed: s.completions.size,
    duplicates,
    missing,
    corrupted: [...s.corrupted],
    leftover: s.leftover,
    keysLeft: s.keysLeft,
    ...(busDropped !== undefined && { busDropped }),
    timedOut: s.timedOut,
    ...(interrupted && { interrupted }),
    elapsedMs: Math.round(performance.now() - s.t0),
    ok: problems.length === 0,
    problems,
  };
}
