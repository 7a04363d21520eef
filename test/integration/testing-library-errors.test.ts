/**
 * redis-arc/testing speaks its own options: a bad option is refused at once, in one line naming
 * the option as the caller wrote it (not a line of the spec the library writes, not a CLI flag,
 * not a raw RangeError), before a port is locked or a folder made. A topology used after stop()
 * fails at once. A runner killed with SIGKILL leaves no port lock files: the reaper removes them,
 * and a lock file of a dead pid is reclaimed by the next start.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cluster, sentinel, standalone, type TestTopology } from '../../src/testing/index.js';
import { ArcError } from '../../src/errors/index.js';
import { killRedisUnder, redisProcessesUnder } from '../helpers/processes.js';

const LOCKS = join(tmpdir(), 'redis-arc-testing-ports');
const FIXTURE = fileURLToPath(new URL('../fixtures/start-and-hang.mjs', import.meta.url));
const readQuiet = (f: string) => {
  try {
    return readFileSync(join(LOCKS, f), 'utf8');
  } catch {
    return '';
  }
};
const locksOf = (pid: number) => (existsSync(LOCKS) ? readdirSync(LOCKS).filter((f) => readQuiet(f) === String(pid)) : []);
const testFolders = () => readdirSync(tmpdir()).filter((f) => f.startsWith('redis-arc-test-'));

async function refusal(start: () => Promise<unknown>): Promise<{ message: string; ms: number }> {
  const started = performance.now();
  const err = await start().then(
    async (topo) => {
      await (topo as TestTopology).stop();
      return new Error('started');
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ArcError);
  return { message: (err as Error).message, ms: performance.now() - started };
}

describe('redis-arc/testing refuses bad options in its own words', () => {
  it.each([
    ['sentinel', () => sentinel({ replicas: -1 }).start(), /^redis-arc: sentinel\(\{ replicas: -1 \}\): expected a whole number from 0 to 20$/],
    ['sentinel', () => sentinel({ sentinels: 2.5 }).start(), /^redis-arc: sentinel\(\{ sentinels: 2\.5 \}\): expected a whole number/],
    ['sentinel', () => sentinel({ downAfterMs: 0 }).start(), /^redis-arc: sentinel\(\{ downAfterMs: 0 \}\)/],
    [
      'sentinel',
      () => sentinel({ replica: 1 } as never).start(),
      /^redis-arc: sentinel\(\{ replica: 1 \}\): sentinel\(\) has no option 'replica'; its options: .*replicas/,
    ],
    ['cluster', () => cluster({ masters: 1e9 }).start(), /^redis-arc: cluster\(\{ masters: 1000000000 \}\): expected a whole number from 1 to 100$/],
    ['cluster', () => cluster({ ports: { from: 60000, to: 60100 } }).start(), /^redis-arc: cluster\(\{ ports: .*at most 55535\)/],
    [
      'standalone',
      () => standalone({ runtime: 'podman' as never }).start(),
      /^redis-arc: standalone\(\{ runtime: 'podman' \}\): expected 'local' or 'docker'$/,
    ],
    [
      'standalone',
      () => standalone({ ports: { from: NaN, to: 5 } }).start(),
      /^redis-arc: standalone\(\{ ports: \{"from":"NaN","to":5\} \}\): expected whole port numbers/,
    ],
    ['standalone', () => standalone({ ports: { from: 70000, to: 70100 } }).start(), /^redis-arc: standalone\(\{ ports: .*from 1 to 65535/],
    ['standalone', () => standalone({ ports: { from: 5000, to: 4000 } }).start(), /from ≤ to/],
    ['standalone', () => standalone({ ports: '3000-3999' as never }).start(), /^redis-arc: standalone\(\{ ports: '3000-3999' \}\): expected \{ from, to \}/],
    ['standalone', () => standalone({ timeoutMs: -1 }).start(), /^redis-arc: standalone\(\{ timeoutMs: -1 \}\)/],
    ['standalone', () => standalone({ password: 'a\nb' }).start(), /^redis-arc: standalone\(\{ password: 'a\\nb' \}\): expected non-empty text on one line$/],
    ['standalone', () => standalone({ addresses: 'x' as never }).start(), /^redis-arc: standalone\(\{ addresses: 'x' \}\): expected 'shared' or 'per-node'$/],
    ['standalone', () => standalone({ image: '' }).start(), /^redis-arc: standalone\(\{ image: '' \}\)/],
    ['standalone', () => standalone(null as never).start(), /^redis-arc: standalone\(options\): expected an object of options, got null$/],
  ])('%s: %s', async (_kind, start, line) => {
    const folders = testFolders();
    const { message, ms } = await refusal(start);
    expect(message).toMatch(line);
    expect(message.split('\n')).toHaveLength(1);
    expect(message).not.toMatch(/redis-arc\.yaml|--[a-z]|RangeError/);
    expect(ms).toBeLessThan(1000);
    // Nothing made: no lock file of this process, no NaN.lock, no folder.
    expect(locksOf(process.pid)).toEqual([]);
    expect(existsSync(join(LOCKS, 'NaN.lock'))).toBe(false);
    expect(testFolders()).toEqual(folders);
  });
});

describe('a topology after stop(), and fail() options', () => {
  it('heal(), fail(), status() and connection() after stop() fail at once, naming the call', async () => {
    const topo = await sentinel({ replicas: 1, sentinels: 1 }).start();
    try {
      expect((await refusal(() => topo.fail('x' as never))).message).toMatch(/^redis-arc: fail\('x'\): no such fault; faults: kill, pause/);
      expect((await refusal(() => topo.fail('kill', { node: 'redis-9' }))).message).toMatch(
        /^redis-arc: fail\('kill', \{ node: 'redis-9' \}\): no such node; nodes: redis-1, redis-2, sentinel-1$/,
      );
      expect((await refusal(() => topo.fail('kill', { partition: 'redis-1|redis-2' }))).message).toMatch(
        /sides are for fail\('partition'\), not fail\('kill'\)/,
      );
      const partition = await refusal(() => topo.fail('partition', { partition: 'redis-1|redis-9' }));
      expect(partition.message).toMatch(/^redis-arc: fail\('partition', \{ partition: 'redis-1\|redis-9' \}\): no node 'redis-9'; nodes: /);
      expect(partition.message).not.toMatch(/--/);
      expect((await refusal(() => topo.fail('kill', { timeoutMs: Infinity }))).message).toMatch(/\{ timeoutMs: Infinity \}\): expected a whole number/);
    } finally {
      await topo.stop();
    }
    for (const [call, run] of [
      ['heal()', () => topo.heal()],
      ["fail('kill')", () => topo.fail('kill')],
      ['status()', () => topo.status()],
      ['connection()', () => Promise.resolve().then(() => topo.connection())],
    ] as const) {
      const { message, ms } = await refusal(run);
      expect(message).toBe(`redis-arc: ${call} after stop(): this sentinel topology is stopped and its folder removed; start a new one`);
      expect(ms, call).toBeLessThan(500);
    }
  });
});

describe('port lock files', () => {
  it('a runner killed with SIGKILL: the reaper removes its nodes and its lock files', async () => {
    const child = spawn(process.execPath, [FIXTURE, '3000', '3999'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let dir: string | undefined;
    try {
      dir = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout }).once('line', (line) => resolve((JSON.parse(line) as { dir: string }).dir));
        child.once('exit', (code) => reject(new Error(`the child exited (${code}) before starting the topology`)));
      });
      const held = locksOf(child.pid!);
      expect(held.length).toBeGreaterThan(0);
      child.kill('SIGKILL');
      await expect.poll(() => redisProcessesUnder(dir!), { timeout: 5000, interval: 50 }).toEqual([]);
      await expect.poll(() => held.filter((f) => existsSync(join(LOCKS, f))), { timeout: 5000, interval: 50 }).toEqual([]);
    } finally {
      child.kill('SIGKILL');
      if (dir) killRedisUnder(dir);
    }
  });

  it('lock files of a dead pid, or naming no pid, are removed by the next start', async () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    mkdirSync(LOCKS, { recursive: true });
    const free = (n: number) => !existsSync(join(LOCKS, `${n}.lock`));
    // Slots far above the library's range here (3000-3999): no test would hold them.
    const slots = [1900, 1901, 1902].filter(free);
    for (const s of slots) writeFileSync(join(LOCKS, `${s}.lock`), dead);
    writeFileSync(join(LOCKS, 'NaN.lock'), dead);
    writeFileSync(join(LOCKS, '1903.lock'), 'junk');
    await using topo = await standalone().start();
    expect(topo.nodes).toHaveLength(1);
    for (const s of slots) expect(existsSync(join(LOCKS, `${s}.lock`)), `${s}.lock`).toBe(false);
    expect(existsSync(join(LOCKS, 'NaN.lock'))).toBe(false);
    expect(existsSync(join(LOCKS, '1903.lock'))).toBe(false);
  });
});
