import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { removeQueue as removeBullQueue } from '../../connect/bullmq.js';
import type { Connection } from '../../connect/connect.js';
import type { EventPayload } from '../../events/catalog.js';
import type { Target } from '../../redis/target.js';
import { InterruptedError } from '../../errors/index.js';
import { untilAborted } from '../guard/abort.js';
import { countKeys, globEscape } from '../keys.js';
import type { BenchSettings } from './types.js';

/** What every scenario run needs: connections opened once, the prefix, the settings. */
export interface BenchContext {
  target: Target;
  prefix: string;
  settings: BenchSettings;
  producerConn: Connection;
  workerConn: Connection;
  /** Ctrl-C / SIGTERM: a run stops where it is (between adds, while it waits), then removes its queue. */
  signal?: AbortSignal;
}

const AFTER_CUT_MS = 300;

/** Thrown from inside a run when Ctrl-C / SIGTERM came: the run's `finally` still removes its queue. */
export function stopIfAborted(ctx: BenchContext): void {
  if (ctx.signal?.aborted) throw new InterruptedError(BENCH_INTERRUPTED);
}

export const BENCH_INTERRUPTED = 'interrupted: bench stopped in the run in progress; its queues were removed, the topology left running';

/** `work`, or the interruption as soon as Ctrl-C / SIGTERM comes (a wait for jobs that may take minutes). */
export function untilStopped<T>(ctx: BenchContext, work: Promise<T>): Promise<T> {
  return untilAborted(work, ctx.signal, () => new InterruptedError(BENCH_INTERRUPTED));
}

/** A queue of this run's own, so nothing a user has is touched; removed after the run. */
export function benchQueueName(scenario: string): string {
  return `redis-arc-bench-${scenario}-${randomBytes(4).toString('hex')}`;
}

/** A payload whose JSON is about `bytes` long. */
export function payloadOf(i: number, bytes: number): EventPayload<'content.save.requested'> {
  const base = { libraryItemId: `item-${i}`, userId: `user-${i % 97}`, url: 'https://example.com/', contentType: 'HTML' };
  const pad = Math.max(0, bytes - JSON.stringify(base).length);
  return { ...base, url: `${base.url}${'x'.repeat(pad)}` };
}

/**
 * Obliterate the run's queue and confirm that none of its keys is left. A run cut by Ctrl-C is
 * removed twice, a moment apart: a write of the cut run can land just after the first removal
 * (seen: its `meta` key left on a cluster).
 */
export async function removeQueue(ctx: BenchContext, queueName: string): Promise<void> {
  await removeBullQueue({ name: queueName, prefix: ctx.prefix, connection: ctx.producerConn });
  if (ctx.signal?.aborted) {
    await sleep(AFTER_CUT_MS);
    await removeBullQueue({ name: queueName, prefix: ctx.prefix, connection: ctx.producerConn });
  }
  const left = await countKeys(ctx.producerConn, `${globEscape(ctx.prefix)}:${globEscape(queueName)}:*`);
  if (left) throw new Error(`bench queue ${queueName}: ${left} key(s) left after cleanup`);
}
