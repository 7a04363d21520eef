import { randomBytes } from 'node:crypto';
import { removeQueue as removeBullQueue } from '../../connect/bullmq.js';
import type { Connection } from '../../connect/connect.js';
import type { EventPayload } from '../../events/catalog.js';
import type { Target } from '../../redis/target.js';
import { countKeys, globEscape } from '../keys.js';
import type { BenchSettings } from './types.js';

/** What every scenario run needs: connections opened once, the prefix, the settings. */
export interface BenchContext {
  target: Target;
  prefix: string;
  settings: BenchSettings;
  producerConn: Connection;
  workerConn: Connection;
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

/** Obliterate the run's queue and confirm that none of its keys is left. */
export async function removeQueue(ctx: BenchContext, queueName: string): Promise<void> {
  await removeBullQueue({ name: queueName, prefix: ctx.prefix, connection: ctx.producerConn });
  const left = await countKeys(ctx.producerConn, `${globEscape(ctx.prefix)}:${globEscape(queueName)}:*`);
  if (left) throw new Error(`bench queue ${queueName}: ${left} key(s) left after cleanup`);
}
