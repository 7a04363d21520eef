/**
 * A scenario run against a Redis redis-arc did not start leaves exactly the keys that were there
 * before, with the same values: smoke and bench in each event-layer mode on a standalone, and
 * failover-test (graceful sentinel-failover, attached) in each mode on a sentinel topology, and one
 * stopped by a failing --fault-cmd after its load began. The
 * topologies are started here and reached only by address, with keys of their own, some under BullMQ's default prefix and queue
 * names redis-arc's routes use. They are redis-arc/testing's, on free ports.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitUntilHealthy } from '../../src/probe/wait.js';
import { cli, expectNoStackTrace, tempDir } from '../helpers/cli.js';
import { sentinel, standalone, type TestTopology } from '../../src/testing/index.js';
import { portsOf, startAll, stopAll } from '../helpers/topology.js';

/** The standalone's port and the first sentinel's, once started. */
let STANDALONE = 0;
let FIRST_SENTINEL = 0;
const PASSWORD = 'foreign-keys-pw-19100';
const MODES = ['direct', 'bus', 'manager'] as const;

let standaloneTopo: TestTopology<'standalone'> | undefined;
let sentinelTopo: TestTopology<'sentinel'> | undefined;
const dir = tempDir('redis-arc-foreign-');
const passwordFile = join(dir.path, 'pw');

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
  const c = new Redis({ port: FIRST_SENTINEL, host: '127.0.0.1', password: PASSWORD, lazyConnect: true });
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
  // Started in-process, then used by the CLI only through the attach flags: to it, servers it did not start.
  [standaloneTopo, sentinelTopo] = await startAll(standalone({ password: PASSWORD }), sentinel({ downAfterMs: 1000, password: PASSWORD }));
  [STANDALONE] = portsOf(standaloneTopo, 'redis-1');
  [FIRST_SENTINEL] = portsOf(sentinelTopo, 'sentinel-1');
  await seed(STANDALONE);
  await seed(await currentMaster());
  await waitUntilHealthy(sentinelTopo.started.target, { timeoutMs: 30_000 });
}, 60_000);

afterAll(async () => {
  await stopAll(standaloneTopo, sentinelTopo);
  dir[Symbol.dispose]();
});

/** The attach flags: a function, as the port is known once started. */
const attachStandalone = () => ['--url', `redis://127.0.0.1:${STANDALONE}`, '--password-file', passwordFile];

describe.each(MODES)('mode %s on a standalone redis-arc did not start', (mode) => {
  it('smoke leaves exactly the keys that were there', async () => {
    const before = await snapshot(STANDALONE);
    const r = await cli(['smoke', ...attachStandalone(), '--mode', mode, '--jobs', '50'], { cwd: dir.path });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(await snapshot(STANDALONE)).toEqual(before);
    expect(before.dbsize).toBe(6);
  });

  it('bench leaves exactly the keys that were there', async () => {
    const before = await snapshot(STANDALONE);
    const r = await cli(['bench', ...attachStandalone(), '--mode', mode, '--jobs', '100', '--runs', '1', '--duration', '1', '--rate', '50'], { cwd: dir.path });
    expect(r.exitCode, r.stderr).toBe(0);
    expectNoStackTrace(r.stderr);
    expect(await snapshot(STANDALONE)).toEqual(before);
  }, 120_000);
});

describe.each(MODES)('mode %s on a sentinel topology redis-arc did not start', (mode) => {
  it('failover-test (sentinel-failover) leaves exactly the keys that were there, on whichever node is master', async () => {
    const before = await snapshot(await currentMaster());
    const sentinels = sentinelTopo!.sentinels.map((e) => `${e.host}:${e.port}`).join(',');
    const r = await cli(
      [
        'failover-test',
        '--sentinel',
        sentinels,
        '--password-file',
        passwordFile,
        '--fault',
        'sentinel-failover',
        '--mode',
        mode,
        '--warmup',
        '500',
        '--settle',
        '500',
      ],
      {
        cwd: dir.path,
      },
    );
    expect(r.exitCode, r.stderr).toBe(0);
    await waitUntilHealthy(sentinelTopo!.started.target, { timeoutMs: 30_000 });
    expect(await snapshot(await currentMaster())).toEqual(before);
  }, 120_000);
});

describe('a failover-test that stops after its load began, on a sentinel topology redis-arc did not start', () => {
  it('a --fault-cmd that fails (exit 4) still leaves exactly the keys that were there', async () => {
    const before = await snapshot(await currentMaster());
    const sentinels = sentinelTopo!.sentinels.map((e) => `${e.host}:${e.port}`).join(',');
    const r = await cli(
      ['failover-test', '--sentinel', sentinels, '--password-file', passwordFile, '--fault-cmd', 'exit 3', '--warmup', '500', '--settle', '500'],
      { cwd: dir.path },
    );
    expect(r.exitCode, r.stderr).toBe(4);
    expect(r.stderr).toContain('--fault-cmd exited 3');
    expect(await snapshot(await currentMaster())).toEqual(before);
  }, 120_000);
});
