// The scenario both example tests run: a BullMQ worker keeps processing across a Sentinel master kill.
// Plain node:assert, so the same lines run under vitest, node --test, jest or mocha.
import assert from 'node:assert/strict';
import { Queue, Worker } from 'bullmq';
import { sentinel } from 'redis-arc/testing';

export async function workerKeepsProcessingAcrossMasterKill() {
  const topo = await sentinel({ replicas: 2, sentinels: 3, downAfterMs: 1000 }).start();
  const done = [];
  const worker = new Worker('emails', async (job) => done.push(job.data.to), { connection: topo.connection('worker') });
  const queue = new Queue('emails', { connection: topo.connection('producer') });
  // Without a listener BullMQ prints each refused reconnect to the dead master while it fails over.
  for (const q of [worker, queue]) q.on('error', () => {});
  try {
    await queue.add('send', { to: 'before@example.com' });

    const trial = await topo.fail('kill'); // returns once a replica is promoted
    assert.ok(trial.promoteMs > 0, `promoted after ${trial.promoteMs} ms`);

    await queue.add('send', { to: 'after@example.com' });
    await until(() => done.includes('after@example.com'));
    assert.deepEqual(done.sort(), ['after@example.com', 'before@example.com']);
    await topo.heal();
  } finally {
    await Promise.all([worker.close(), queue.close()]);
    await topo.stop(); // `await using topo = ...` in TypeScript does this
  }
}

async function until(ok, timeoutMs = 10_000) {
  for (const end = Date.now() + timeoutMs; !ok(); await new Promise((r) => setTimeout(r, 50))) {
    if (Date.now() > end) throw new Error('timed out');
  }
}
