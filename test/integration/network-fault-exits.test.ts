/**
 * Never leave the network broken: whichever way failover-test's network fault ends (Ctrl-C, kill -9
 * of the CLI, a crash, then `status`, `down`, `up`), no redis-arc nftables table survives and the
 * nodes talk to each other again. Root and nft needed (CI runs as root); ports 8600-8699.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa, type ResultPromise } from 'execa';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { listProjectTables, nftUsable, removeTable } from '../../src/network/nft.js';
import { projectTable } from '../../src/network/table-name.js';
import { nodeAddress } from '../../src/topology/address.js';
import { BIN, cli, expectNoStackTrace, tempDir } from '../helpers/cli.js';
import { killRedisUnder, redisProcessesUnder } from '../helpers/processes.js';

const usable = await nftUsable();
const CI = process.env.CI === 'true';
const SENTINEL_PORT = 8650;

describe.skipIf(!usable && !CI)('network faults leave no table behind (needs root and nft)', () => {
  const dir = tempDir('redis-arc-netexit-');
  const spec = join(dir.path, 'redis-arc.yaml');
  const table = projectTable(dir.path);
  let password = '';
  const running: ResultPromise[] = [];

  beforeAll(async () => {
    expect(usable, 'CI runs as root with nft installed').toBe(true);
    const init = await cli([
      'init',
      'sentinel',
      '--dir',
      dir.path,
      '--addresses',
      'per-node',
      '--down-after',
      '1000',
      '--port-base',
      '8600',
      '--sentinel-port-base',
      String(SENTINEL_PORT),
    ]);
    expect(init.exitCode, init.stderr).toBe(0);
    password = readFileSync(join(dir.path, '.redis-arc.secret'), 'utf8').trim();
    const up = await cli(['up', '--spec', spec]);
    expect(up.exitCode, up.stderr).toBe(0);
  });

  afterEach(() => {
    for (const child of running.splice(0)) child.kill('SIGKILL');
  });

  afterAll(async () => {
    for (const child of running.splice(0)) child.kill('SIGKILL');
    await removeTable(table).catch(() => undefined);
    await cli(['down', '--purge', '--spec', spec]);
    killRedisUnder(dir.path);
    dir[Symbol.dispose]();
  });

  function partitionRun(): { child: ResultPromise; done: Promise<{ exitCode: number; stderr: string }> } {
    const child = execa(BIN, ['failover-test', '--spec', spec, '--fault', 'partition', '--fault-ms', '120000', '--warmup', '300'], {
      reject: false,
      env: { NO_COLOR: '1', FORCE_COLOR: '0' },
      timeout: 180_000,
    });
    running.push(child);
    const done = child.then((r) => ({ exitCode: r.exitCode ?? (r.signal === 'SIGKILL' ? 137 : -1), stderr: String(r.stderr) }));
    return { child, done };
  }

  async function until(what: string, check: () => Promise<boolean>, timeoutMs = 90_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await sleep(100);
    }
  }

  const tableThere = async () => (await listProjectTables()).includes(table);

  /** Node-to-node traffic flows: the current master's writes reach a replica (WAIT counts replicas that acknowledged). */
  async function replicationWorks(): Promise<boolean> {
    const sentinel = new Redis({ host: nodeAddress('per-node', SENTINEL_PORT), port: SENTINEL_PORT, password, lazyConnect: true, maxRetriesPerRequest: 0 });
    sentinel.on('error', () => {});
    try {
      const [host, port] = (await sentinel.call('SENTINEL', 'get-master-addr-by-name', 'mymaster')) as [string, string];
      const master = new Redis({ host, port: Number(port), password, lazyConnect: true, maxRetriesPerRequest: 0 });
      master.on('error', () => {});
      try {
        await master.set('redis-arc-netexit', String(Date.now()));
        return Number(await master.call('WAIT', '1', '1000')) >= 1;
      } finally {
        master.disconnect();
      }
    } catch {
      return false;
    } finally {
      sentinel.disconnect();
    }
  }

  async function healthy(): Promise<boolean> {
    const r = await cli(['status', '--json', '--spec', spec]);
    return (JSON.parse(r.stdout) as { verdict: string }).verdict === 'healthy';
  }

  it('Ctrl-C during a partition removes the table and exits 130; the nodes replicate again', async () => {
    const run = partitionRun();
    await until('the partition', tableThere);
    expect(await replicationWorks(), 'the partition cuts the master off its replicas').toBe(false);
    run.child.kill('SIGINT');
    const r = await run.done;
    expect(r.exitCode, r.stderr).toBe(130);
    expectNoStackTrace(r.stderr);
    expect(await listProjectTables()).not.toContain(table);
    await until('replication', replicationWorks);
    await until('healthy', healthy);
    // A whole CLI start and trial, then the heal: its waits alone allow 90 s.
  }, 120_000);

  it('kill -9 leaves the table: status names it, down removes it, up brings the nodes back together', async () => {
    const run = partitionRun();
    await until('the partition', tableThere);
    run.child.kill('SIGKILL');
    await run.done;
    expect(await tableThere(), 'nothing runs after kill -9').toBe(true);

    const status = await cli(['status', '--json', '--spec', spec]);
    const seen = JSON.parse(status.stdout) as { runtime: { notes: string[]; networkFault?: { table: string; leftover: boolean; describe: string } } };
    expect(seen.runtime.networkFault).toMatchObject({ table, leftover: true, describe: expect.stringMatching(/^partition redis-\d \| (redis|sentinel)-\d,/) });
    expect(seen.runtime.notes.join('\n')).toMatch(/network fault in place: partition redis-\d .*`redis-arc down` or `redis-arc up` removes it/);
    const text = await cli(['status', '--spec', spec]);
    expect(text.stdout).toContain('network fault in place');

    const down = await cli(['down', '--spec', spec]);
    expect(down.exitCode, down.stderr).toBe(0);
    expect(down.stderr).toMatch(/removed a network fault an earlier run left in place \(partition redis-\d/);
    expect(await listProjectTables()).not.toContain(table);
    expect(redisProcessesUnder(dir.path)).toEqual([]);

    const up = await cli(['up', '--spec', spec]);
    expect(up.exitCode, up.stderr).toBe(0);
    await until('replication', replicationWorks);
    await until('healthy', healthy);
  });

  it('kill -9, then up removes the table on its own', async () => {
    const run = partitionRun();
    await until('the partition', tableThere);
    run.child.kill('SIGKILL');
    await run.done;
    expect(await tableThere()).toBe(true);
    const up = await cli(['up', '--spec', spec]);
    expect(up.exitCode, up.stderr).toBe(0);
    expect(up.stderr).toContain('removed a network fault an earlier run left in place');
    expect(await listProjectTables()).not.toContain(table);
    await until('replication', replicationWorks);
  });

  it.each(['throw', 'exit'])('a process that crashes (%s) with a fault in place removes its table on exit', async (how) => {
    const crashTable = projectTable(join(dir.path, `crash-${how}`));
    const r = await execa('node', ['--import', 'tsx', resolve(import.meta.dirname, '../fixtures/cut-then-crash.mts'), crashTable, how], {
      reject: false,
      cwd: resolve(import.meta.dirname, '../..'),
    });
    expect(String(r.stdout)).toContain('cut');
    expect(r.exitCode).not.toBe(0);
    expect(await listProjectTables()).not.toContain(crashTable);
  });

  it('no redis-arc table of this file survives', async () => {
    expect((await listProjectTables()).filter((t) => t === table)).toEqual([]);
  });
});
