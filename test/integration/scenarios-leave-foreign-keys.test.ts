/**
 * A scenario run against a Redis redis-arc did not start leaves exactly the keys that were there
 * before, with the same values: smoke and bench in each event-layer mode on a standalone, and
 * failover-test (graceful sentinel-failover, attached) in each mode on a sentinel topology. The
 * servers are started here with keys of their own, some under BullMQ's default prefix and queue
 * names redis-arc's routes use. Ports 19100-19199.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitUntilHealthy } from '../../src/probe/wait.js';
import { cli, expectNoStackTrace, tempDir } from '../helpers/cli.js';
import { RedisProcesses } from '../helpers/redis-processes.js';

const STANDALONE = 19100;
const SENTINEL = { master: 19110, replica: 19111, sentinels: [19120, 19121, 19122] };
const PASSWORD = 'foreign-keys-pw-19100';
const MODES = ['direct', 'bus', 'manager'] as const;

const redis = new RedisProcesses();
const dir = tempDir('redis-arc-foreign-');
const passwordFile = join(dir.path, 'pw');
const loopback = (port: number) => ({ host: '127.0.0.1', port });
const sentinelTarget = { kind: 'sentinel' as const, sentinels: SENTINEL.sentinels.map(loopback), masterName: 'mymaster', password: PASSWORD, sentinelPassword: PASSWORD };

/** Keys of someone else's application, including BullMQ-looking ones under the default prefix. */
async function seed(port: number): Promise<void> {
  const c = new Redis({ port, host: '127.0.0.1', password: PASSWORD, lazyConnect: true });
  await c.connect();
  await c.set('app:greeting', 'hello');
  await c.hset('app:user:1', { name: 'Ada', plan: 'pro' });
  await c.rpush('bull:their-queue:wait', '1', '2');
  await c.hset('bull:their-queue:meta', { opts: '{}', version: 'bullmq:5.0.0' });
  await c.set('bull:content-processing:id', '41');
  await c.zadd('bull:content-notifications:completed', 1, 'job-1');
  await c.quit();
}

/** Every key (DBSIZE and a full SCAN must agree) with its DUMP: same names, same values. */
async function snapshot(port: number): Promise<{ dbsize: number; keys: Record<string, string> }> {
  const c = new Redis({ port, host: '127.0.0.1', password: PASSWORD, lazyConnect: true });
  await c.connect();
  try {
    const dbsize = await c.dbsize();
    const keys: Record<string, string> = {};
    let cursor = '0';
    do {
      const [next, batch] = await c.scan(cursor, 'COUNT', 1000);
      cursor = next;
      for (const k of batch) keys[k] = ((await c.dumpBuffer(k)) ?? Buffer.alloc(0)).toString('hex');
    } while (cursor !== '0');
    expect(Object.keys(keys)).toHaveLength(dbsize);
    return { dbsize, keys };
  } finally {
    c.disconnect();
  }
}

async function currentMaster(): Promise<number> {
  const c = new Redis({ port: SENTINEL.sentinels[0]!, host: '127.0.0.1', password: PASSWORD, lazyConnect: true });
  await c.connect();
  try {
    const [, port] = (await c.call('SENTINEL', 'GET-MASTER-ADDR-BY-NAME', 'mymaster')) as [string, string];
    return Number(port);
  } finally {
    c.disconnect();
  }
}

beforeAll(async () => {
  writeFileSync(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
  const auth = [`requirepass ${PASSWORD}`, `masterauth ${PASSWORD}`, 'repl-diskless-sync-delay 0'];
  await redis.startServer(STANDALONE, [`requirepass ${PASSWORD}`]);
  await redis.startServer(SENTINEL.master, auth);
  await redis.startServer(SENTINEL.replica, [...auth, `replicaof 127.0.0.1 ${SENTINEL.master}`]);
  await Promise.all(
    SENTINEL.sentinels.map((port) =>
      redis.startSentinel(port, [
        `sentinel monitor mymaster 127.0.0.1 ${SENTINEL.master} 2`,
        'sentinel down-after-milliseconds mymaster 1000',
        'sentinel failover-timeout mymaster 5000',
        `sentinel auth-pass mymaster ${PASSWORD}`,
        `sentinel sentinel-pass ${PASSWORD}`,
        `requirepass ${PASSWORD}`,
      ]),
    ),
  );
  await seed(STANDALONE);
  await seed(SENTINEL.master);
  await waitUntilHealthy(sentinelTarget, { timeoutMs: 30_000 });
}, 60_000);

afterAll(async () => {
  await redis.stopAll();
  dir[Symbol.dispose]();
});

const standalone = ['--url', `redis://127.0.0.1:${STANDALONE}`, '--password-file', passwordFile];

describe.each(MODES)('mode %s on a standalone redis-arc did not start', (mode) => {
  it('smoke leaves exactly the keys that were there', async () => {
    const before = await snapshot(STANDALONE);
    const r = await cli(['smoke', ...standalone, '--mode', mode, '--jobs', '50'], { cwd: dir.path });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(await snapshot(STANDALONE)).toEqual(before);
    expect(before.dbsize).toBe(6);
  });

  it('bench leaves exactly the keys that were there', async () => {
    const before = await snapshot(STANDALONE);
    const r = await cli(['bench', ...standalone, '--mode', mode, '--jobs', '100', '--runs', '1', '--duration', '1', '--rate', '50'], { cwd: dir.path });
    expect(r.exitCode, r.stderr).toBe(0);
    expectNoStackTrace(r.stderr);
    expect(await snapshot(STANDALONE)).toEqual(before);
  }, 120_000);
});

describe.each(MODES)('mode %s on a sentinel topology redis-arc did not start', (mode) => {
  it('failover-test (sentinel-failover) leaves exactly the keys that were there, on whichever node is master', async () => {
    const before = await snapshot(await currentMaster());
    const sentinels = SENTINEL.sentinels.map((p) => `127.0.0.1:${p}`).join(',');
    const r = await cli(['failover-test', '--sentinel', sentinels, '--password-file', passwordFile, '--fault', 'sentinel-failover', '--mode', mode, '--warmup', '500', '--settle', '500'], {
      cwd: dir.path,
    });
    expect(r.exitCode, r.stderr).toBe(0);
    await waitUntilHealthy(sentinelTarget, { timeoutMs: 30_000 });
    expect(await snapshot(await currentMaster())).toEqual(before);
  }, 120_000);
});
