/** The event layer as a library, against a real standalone Redis (redis-arc/testing's, on free ports). */
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../src/connect/connect.js';
import { DEFAULT_ROUTES, EventBus, EventManager, createProducer, renameQueues, type BusDropped } from '../../src/events/index.js';
import { standalone, type TestTopology } from '../../src/testing/index.js';

let topo: TestTopology<'standalone'> | undefined;
let conn: Connection;
const payload = { libraryItemId: 'item-1', userId: 'user-1', url: 'https://example.com/a', contentType: 'HTML' } as const;
let n = 0;
const fresh = () => renameQueues(DEFAULT_ROUTES, (q) => `${q}-events-test-${++n}`);

beforeAll(async () => {
  topo = await standalone().start();
  conn = topo.connection('producer');
});

afterAll(async () => {
  await topo?.stop();
});

async function jobIn(queueName: string, id: string) {
  const q = new Queue(queueName, { connection: conn });
  try {
    return await q.getJob(id);
  } finally {
    await q.close();
  }
}

describe('direct', () => {
  it('adds the job with the route’s name and options, and reports the ack', async () => {
    const routes = fresh();
    const acked: string[] = [];
    const p = createProducer('direct', { connection: conn, routes, observer: { acked: (id) => acked.push(id) } });
    await p.emit('content.save.requested', payload, { id: 'd-1' });
    await p.close();
    const job = await jobIn(routes['content.save.requested'][0]!.queueName, 'd-1');
    expect(job?.name).toBe('fetch-content');
    expect(job?.data).toEqual(payload);
    expect(job?.opts).toMatchObject({ attempts: 3, backoff: { type: 'exponential', delay: 2000 } });
    expect(acked).toEqual(['d-1']);
  });
});

describe('manager', () => {
  it('opens queues lazily, on first use', async () => {
    const m = new EventManager({ connection: conn, routes: fresh() });
    expect(m.openQueues).toBe(0);
    await m.emit('content.save.requested', payload);
    expect(m.openQueues).toBe(1);
    await m.close();
  });

  it('fans one event out to every route, with one id', async () => {
    const routes = fresh();
    const m = new EventManager({ connection: conn, routes });
    m.registerRoute('content.save.requested', { queueName: `audit-${n}`, jobName: 'audit' });
    await m.emit('content.save.requested', payload, { id: 'fan-1' });
    await m.close();
    expect((await jobIn(routes['content.save.requested'][0]!.queueName, 'fan-1'))?.name).toBe('fetch-content');
    expect((await jobIn(`audit-${n}`, 'fan-1'))?.name).toBe('audit');
  });

  it('refuses an unregistered event type, naming the known ones', async () => {
    const m = new EventManager({ connection: conn, routes: fresh() });
    // A caller in plain JavaScript (or with a cast) can pass any string.
    await expect(m.emit('content.deleted' as 'content.save.requested', payload)).rejects.toThrow(
      "no route for event 'content.deleted'; known event types: content.save.requested, content.processing.completed",
    );
    await m.close();
  });
});

describe('bus', () => {
  it('returns from emit before the job exists, then forwards it', async () => {
    const routes = fresh();
    const bus = new EventBus({ connection: conn, routes });
    const id = bus.publish('content.save.requested', payload);
    expect(bus.pending).toBe(1);
    await bus.idle();
    expect(bus.forwarded).toBe(1);
    expect((await jobIn(routes['content.save.requested'][0]!.queueName, id))?.data).toEqual(payload);
    await bus.close();
  });

  it('counts a failed forward, reports it by an error event, and never throws from emit', async () => {
    // Redis refuses writes at its memory limit under noeviction (as BullMQ requires): the add fails after emit returned.
    const errors: BusDropped[] = [];
    const failed: string[] = [];
    const bus = new EventBus({ connection: conn, routes: fresh(), observer: { failed: (id) => failed.push(id) } });
    bus.on('error', (d) => errors.push(d));
    await bus.emit('content.save.requested', payload, { id: 'warm-up' });
    await bus.idle();
    await conn.call('CONFIG', 'SET', 'maxmemory', '1');
    try {
      await expect(bus.emit('content.save.requested', payload, { id: 'lost-1' })).resolves.toBeUndefined();
      await bus.idle();
    } finally {
      await conn.call('CONFIG', 'SET', 'maxmemory', '0');
    }
    expect(bus.dropped).toBe(1);
    expect(bus.lastError?.id).toBe('lost-1');
    expect(bus.lastError?.error.message).toMatch(/OOM/);
    expect(errors.map((e) => e.id)).toEqual(['lost-1']);
    expect(failed).toEqual(['lost-1']);
    await bus.close();
  });

  it('lets subscribers hear domain events alongside the forwarding', async () => {
    const bus = new EventBus({ connection: conn, routes: fresh() });
    const heard: string[] = [];
    bus.on('content.save.requested', (p, id) => heard.push(`${p.url} ${id}`));
    bus.publish('content.save.requested', payload, { id: 'sub-1' });
    await bus.close();
    expect(heard).toEqual(['https://example.com/a sub-1']);
  });
});
