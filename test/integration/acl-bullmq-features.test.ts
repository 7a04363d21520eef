/**
 * `--acl`: BullMQ's feature set runs as the `bullmq` ACL user on a standalone and on a cluster:
 * getters (counts, workers, queue events, metrics, logs), delayed / prioritized / deduplicated
 * jobs, pause/resume, retries, flows, job schedulers, rate limits, Relay, clean/drain/obliterate.
 * No call fails, no BullMQ object emits an error, and the admin finds no refusal of the user in
 * any node's ACL LOG (which also records refusals inside Lua and the ones ioredis swallows).
 * The dangerous commands and keys outside BullMQ's prefixes stay refused.
 * The topologies are redis-arc/testing's, on free ports.
 */
import { Cluster, Redis } from 'ioredis';
import { FlowProducer, Queue, QueueEvents, Relay, Worker, type Job, type Processor, type WorkerOptions } from 'bullmq';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Kind } from '../../src/specfile/defaults.js';
import { cluster, standalone, type TestTopology } from '../../src/testing/index.js';
import { startAll, stopAll } from '../helpers/topology.js';

const booted: Partial<Record<Kind, TestTopology>> = {};

beforeAll(async () => {
  [booted.standalone, booted.cluster] = await startAll(
    standalone({ acl: true }),
    cluster({ acl: true, masters: 3, replicasPerMaster: 0, nodeTimeoutMs: 1000 }),
  );
}, 90_000);

afterAll(() => stopAll(booted.standalone, booted.cluster));

/** One plain connection to a node (no retries: a refusal is the answer). */
function node(port: number, auth: { username?: string; password?: string }): Redis {
  return new Redis({ host: '127.0.0.1', port, ...auth, retryStrategy: () => null, maxRetriesPerRequest: 0, lazyConnect: true });
}

async function adminOnEveryNode<T>(b: TestTopology, fn: (c: Redis) => Promise<T>): Promise<T[]> {
  return Promise.all(
    b.started.project.topology.nodes.map(async (n) => {
      const c = node(n.port, { password: b.started.credentials.password });
      try {
        return await fn(c);
      } finally {
        c.disconnect();
      }
    }),
  );
}

describe.each(['standalone', 'cluster'] as const)('BullMQ as the ACL user on %s', (kind) => {
  const prefix = kind === 'cluster' ? '{bull}' : 'bull';
  /** Everything a BullMQ object emitted as 'error', and every client opened here (closed after each test). */
  const errors: string[] = [];
  const closers: (() => Promise<unknown>)[] = [];
  let app: { username: string; password: string };
  let b: TestTopology;

  /** A fresh connection as the ACL user, as an application would pass it to BullMQ. */
  function connection(): Redis | Cluster {
    const port = b.started.project.topology.nodes[0]!.port;
    const opts = { username: app.username, password: app.password, maxRetriesPerRequest: null };
    const c = kind === 'cluster' ? new Cluster([{ host: '127.0.0.1', port }], { redisOptions: opts }) : new Redis({ host: '127.0.0.1', port, ...opts });
    closers.push(() => c.quit().catch(() => c.disconnect()));
    return c;
  }

  function track<T extends { on(e: 'error', l: (err: Error) => void): unknown; close(): Promise<unknown> }>(o: T, what: string): T {
    o.on('error', (err: Error) => errors.push(`${what}: ${err.message}`));
    closers.unshift(() => o.close());
    return o;
  }

  const queue = (name: string) => track(new Queue(name, { connection: connection(), prefix }), `queue ${name}`);
  const worker = (name: string, fn: Processor, opts: Omit<WorkerOptions, 'connection'> = {}) =>
    track(new Worker(name, fn, { connection: connection(), prefix, ...opts }), `worker ${name}`);

  beforeAll(async () => {
    b = booted[kind]!;
    app = b.started.credentials.app!;
    expect(app.username).toBe('bullmq');
    await adminOnEveryNode(b, (c) => c.call('ACL', 'LOG', 'RESET'));
  });

  afterEach(async () => {
    for (const close of closers.splice(0)) await close().catch(() => undefined);
    expect(errors.splice(0)).toEqual([]);
  });

  it('jobs and getters: delayed, prioritized, deduplicated, paused, retried; counts, workers, events, metrics, logs', async () => {
    const name = `feat-${kind}`;
    const q = queue(name);
    const events = track(new QueueEvents(name, { connection: connection(), prefix }), 'queue events');
    await events.waitUntilReady();
    const completedEvents: string[] = [];
    events.on('completed', ({ jobId }) => completedEvents.push(jobId));

    await q.add('plain', { n: 1 });
    const delayed = await q.add('delayed', { n: 2 }, { delay: 60_000 });
    await delayed.changeDelay(30_000);
    await delayed.promote();
    const prio = await q.add('prio', { n: 3 }, { priority: 5 });
    await prio.changePriority({ priority: 2 });
    expect(await q.getCountsPerPriority([2])).toEqual({ '2': 1 });
    await q.add('dedup', { n: 4 }, { deduplication: { id: 'd1' } });
    await q.add('dedup', { n: 4 }, { deduplication: { id: 'd1' } });
    expect(await q.getDeduplicationJobId('d1')).toBeTruthy();
    await q.add('flaky', { n: 5 }, { attempts: 3, backoff: { type: 'fixed', delay: 20 } });
    await q.add('fails', { n: 6 }, { attempts: 1 });
    await q.pause();
    expect(await q.isPaused()).toBe(true);
    await q.add('while-paused', { n: 7 });
    await q.resume();

    const seen = new Set<string>();
    const w = worker(
      name,
      async (job: Job) => {
        await job.updateProgress(50);
        await job.log(`attempt ${job.attemptsMade}`);
        await job.updateData({ ...job.data, seen: true });
        if (job.name === 'flaky' && job.attemptsMade < 2) throw new Error('flaky');
        if (job.name === 'fails' && !seen.has(job.id!)) {
          seen.add(job.id!);
          throw new Error('fails once');
        }
        return job.data.n * 2;
      },
      { metrics: { maxDataPoints: 10 } },
    );
    await vi.waitFor(async () => expect(await q.getFailedCount()).toBe(1), { timeout: 20_000, interval: 100 });
    expect(await q.retryJobs({ state: 'failed' })).toBeUndefined();
    await vi.waitFor(async () => expect(await q.getCompletedCount()).toBe(7), { timeout: 20_000, interval: 100 });
    await vi.waitFor(() => expect(completedEvents.length).toBe(7), { timeout: 10_000, interval: 100 });

    expect(await q.getJobCounts('completed', 'failed', 'wait', 'delayed')).toEqual({ completed: 7, failed: 0, wait: 0, delayed: 0 });
    // CLIENT LIST: the ones dashboards call.
    expect((await q.getWorkers()).length).toBeGreaterThanOrEqual(1);
    expect(await q.getWorkersCount()).toBeGreaterThanOrEqual(1);
    expect((await q.getQueueEvents()).length).toBeGreaterThanOrEqual(1);
    expect((await q.getMetrics('completed')).meta.count).toBe(7);
    const jobs = await q.getJobs(['completed'], 0, -1);
    expect(jobs.map((j) => j.returnvalue).sort((x, y) => x - y)).toEqual([2, 4, 6, 8, 10, 12, 14]);
    const flaky = jobs.find((j) => j.name === 'flaky')!;
    expect((await q.getJobLogs(flaky.id!)).count).toBe(3);
    expect(await flaky.getState()).toBe('completed');
    expect(await q.getJobState(flaky.id!)).toBe('completed');
    expect(await q.getRateLimitTtl()).toBeLessThanOrEqual(0);
    expect(typeof (await q.removeOrphanedJobs())).toBe('number');
    expect(w.isRunning()).toBe(true);

    // clean, drain, obliterate.
    expect((await q.clean(0, 100, 'completed')).length).toBe(7);
    await w.pause();
    await q.add('left', {}, { delay: 60_000 });
    await q.drain(true);
    expect(await q.getDelayedCount()).toBe(0);
    await q.obliterate({ force: true });
    const left = await adminOnEveryNode(b, (c) => c.call('KEYS', `${prefix}:${name}:*`) as Promise<string[]>);
    expect(left.flat()).toEqual([]);
  }, 60_000);

  it('flows: a parent waits for its children and reads their results', async () => {
    const parentQ = `flow-parent-${kind}`;
    const childQ = `flow-child-${kind}`;
    const flows = track(new FlowProducer({ connection: connection(), prefix }), 'flow producer');
    const tree = await flows.add({
      name: 'parent',
      queueName: parentQ,
      data: {},
      children: [1, 2, 3].map((n) => ({ name: `child-${n}`, queueName: childQ, data: { n } })),
    });
    const parentQueue = queue(parentQ);
    expect(await parentQueue.getWaitingChildrenCount()).toBe(1);
    expect(await tree.job.getDependenciesCount()).toEqual({ processed: 0, unprocessed: 3, ignored: 0, failed: 0 });
    worker(childQ, async (job) => job.data.n * 10);
    worker(parentQ, async (job) => Object.values(await job.getChildrenValues<number>()).reduce((a, v) => a + v, 0));
    await vi.waitFor(async () => expect(await parentQueue.getCompletedCount()).toBe(1), { timeout: 20_000, interval: 100 });
    const parent = (await parentQueue.getJob(tree.job.id!))!;
    expect(parent.returnvalue).toBe(60);
    const deps = await parent.getDependencies({ processed: { count: 10 }, unprocessed: { count: 10 } });
    expect(Object.keys(deps.processed ?? {})).toHaveLength(3);
    const flow = await flows.getFlow({ id: tree.job.id!, queueName: parentQ, prefix });
    expect(flow?.children).toHaveLength(3);
    await parentQueue.obliterate({ force: true });
    await queue(childQ).obliterate({ force: true });
  }, 60_000);

  it('job schedulers and rate limits (worker limiter, worker.rateLimit, global rate limit)', async () => {
    const name = `sched-${kind}`;
    const q = queue(name);
    await q.upsertJobScheduler('every-100ms', { every: 100 }, { name: 'tick', data: {} });
    expect(await q.getJobSchedulersCount()).toBe(1);
    expect((await q.getJobScheduler('every-100ms'))?.every).toBe(100);
    await q.setGlobalRateLimit(50, 1000);
    expect((await q.getGlobalRateLimit())?.max).toBe(50);
    await q.add('limited', {});
    let limitedOnce = false;
    const w = worker(
      name,
      async (job) => {
        if (job.name === 'limited' && !limitedOnce) {
          limitedOnce = true;
          await w.rateLimit(200);
          throw Worker.RateLimitError();
        }
        return job.name;
      },
      { limiter: { max: 5, duration: 100 } },
    );
    await vi.waitFor(
      async () => {
        const done = await q.getCompleted();
        expect(done.filter((j) => j.name === 'tick').length).toBeGreaterThanOrEqual(3);
        expect(done.some((j) => j.name === 'limited')).toBe(true);
      },
      { timeout: 20_000, interval: 100 },
    );
    expect(limitedOnce).toBe(true);
    expect(await q.removeJobScheduler('every-100ms')).toBe(true);
    await q.removeGlobalRateLimit();
    await q.obliterate({ force: true });
  }, 60_000);

  it('Relay: nodes start, subscribe, publish, retain and list their connections', async () => {
    const opts = { prefix, namespace: `ns${kind}`, leaseDuration: 3000, blockTimeout: 200 };
    const a = track(new Relay({ connection: connection(), ...opts }), 'relay a');
    const z = track(new Relay({ connection: connection(), ...opts }), 'relay z');
    await Promise.all([a.waitUntilReady(), z.waitUntilReady()]);
    const got: unknown[] = [];
    const sub = await z.subscribe('orders.*', (m) => void got.push(m.data));
    expect((await a.publish('orders.1', { id: 1 })).mid).toBeTruthy();
    await vi.waitFor(() => expect(got).toEqual([{ id: 1 }]), { timeout: 10_000, interval: 50 });
    await a.publish('state.x', { on: true }, { retain: 60_000 });
    expect((await a.getRetained()).length).toBe(1);
    expect(await a.deleteRetained('state.x')).toBe(true);
    expect((await a.getNodes()).length).toBe(2);
    expect((await a.getSubscriptions()).length).toBe(1);
    expect(await a.getNamespaces()).toContain(opts.namespace);
    expect((await a.getNodeConnections(z.nodeId)).length).toBeGreaterThanOrEqual(1);
    expect(await a.getCounts()).toBeTruthy();
    await sub.unsubscribe();
  }, 60_000);

  it('no node logged a refusal of the ACL user during the runs above', async () => {
    const logs = await adminOnEveryNode(b, (c) => c.call('ACL', 'LOG') as Promise<unknown[][]>);
    const refusals = logs.flat().map((entry) => {
      const field = (k: string) => String(entry[entry.indexOf(k) + 1]);
      return `${field('username')} ${field('reason')} ${field('context')} ${field('object')}`;
    });
    expect(refusals).toEqual([]);
  });

  it('still refuses the dangerous commands and keys outside the prefixes', async () => {
    const c = node(b.started.project.topology.nodes[0]!.port, app);
    try {
      await c.connect();
      const refusal = (args: string[]) =>
        c.call(args[0]!, ...args.slice(1)).then(
          () => `allowed: ${args.join(' ')}`,
          (err: Error) => err.message,
        );
      for (const cmd of [
        ['FLUSHALL'],
        ['FLUSHDB'],
        ['CONFIG', 'GET', 'requirepass'],
        ['CONFIG', 'SET', 'maxmemory', '1'],
        ['DEBUG', 'SLEEP', '0'],
        ['KEYS', '*'],
        [`KEYS`, `${prefix}:*`],
        ['SHUTDOWN', 'NOSAVE'],
        ['ACL', 'LIST'],
        ['ACL', 'SETUSER', 'x'],
        ['MODULE', 'LIST'],
        ['MONITOR'],
        ['CLIENT', 'KILL', 'ID', '1'],
        ['CLIENT', 'PAUSE', '10'],
        ['REPLICAOF', 'NO', 'ONE'],
        ['SCRIPT', 'FLUSH'],
        ['SCRIPT', 'LOAD', 'return 1'],
        ['FUNCTION', 'LIST'],
        ['FCALL', 'f', '0'],
        ['MEMORY', 'USAGE', `${prefix}:x`],
        ['LOLWUT'],
        ['SELECT', '1'],
        ['PUBLISH', 'c', 'm'],
        ['SAVE'],
        ['BGREWRITEAOF'],
        ['SWAPDB', '0', '1'],
        ['MIGRATE', 'h', '1', 'k', '0', '1'],
        ['SET', 'not-bullmq', '1'],
        ['GET', 'not-bullmq'],
        ['DEL', 'other:prefix:x'],
      ]) {
        // DEBUG is allowed from the node's own host (enable-debug-command local, for the debug-sleep fault): the ACL refuses it.
        expect(await refusal(cmd), cmd.join(' ')).toMatch(/^NOPERM/);
      }
      // A script is held to the same rules for every command it runs.
      for (const lua of ["return redis.call('SET', 'not-bullmq', '1')", "return redis.call('FLUSHALL')", "return redis.call('KEYS', '*')"]) {
        expect(await refusal(['EVAL', lua, '0']), lua).toMatch(/^(NOPERM|ERR The user executing the script can't (access|run))/);
      }
      // What BullMQ's Relay needs from a script is granted.
      expect(await c.call('EVAL', "return redis.call('TIME')", '0')).toHaveLength(2);
    } finally {
      c.disconnect();
    }
  });
});
