/**
 * The reaper: a test process killed with SIGKILL (no disposal, no exit handler) leaves no Redis
 * running. The killed "runner" is a child node process that starts topologies through
 * `redis-arc/testing` on ports 9000-9999 (one reaper serves them all).
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { killRedisUnder, redisProcessesUnder } from '../helpers/processes.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/start-and-hang.mjs', import.meta.url));
const TWO = fileURLToPath(new URL('../fixtures/start-two-and-hang.mjs', import.meta.url));

/** The first line the child prints, as JSON. */
function firstLine<T>(child: ReturnType<typeof spawn>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) => resolve(JSON.parse(line) as T));
    child.once('exit', (code) => reject(new Error(`the child exited (${code}) before starting the topology`)));
  });
}

it('kill -9 of the process that started a topology: every Redis process of it is gone within seconds', async () => {
  const child = spawn(process.execPath, [FIXTURE, '9000', '9999'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let dir: string | undefined;
  try {
    dir = (await firstLine<{ dir: string }>(child)).dir;
    expect(redisProcessesUnder(dir)).toHaveLength(3);

    child.kill('SIGKILL');
    const killedAt = performance.now();
    await expect.poll(() => redisProcessesUnder(dir!), { timeout: 5000, interval: 50 }).toEqual([]);
    console.log(`reaped in ${Math.round(performance.now() - killedAt)} ms`);
    await expect.poll(() => existsSync(dir!), { timeout: 2000 }).toBe(false);
  } finally {
    child.kill('SIGKILL');
    if (dir) killRedisUnder(dir); // only if the reaper failed: the test has failed already
  }
});

it('one reaper serves every topology of a process: after kill -9 it reaps the one left running, not the one disposed before', async () => {
  const child = spawn(process.execPath, [TWO, '9000', '9999'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let left: string | undefined;
  try {
    const dirs = await firstLine<{ disposed: string; left: string }>(child);
    left = dirs.left;
    expect(existsSync(dirs.disposed)).toBe(false);
    expect(redisProcessesUnder(left)).toHaveLength(3);
    // One reaper shell for the two topologies: its parent is the runner until the runner dies.
    expect(execFileSync('pgrep', ['-c', '-P', String(child.pid), '-f', 'redis-arc-reaper'], { encoding: 'utf8' }).trim()).toBe('1');

    child.kill('SIGKILL');
    await expect.poll(() => redisProcessesUnder(left!), { timeout: 5000, interval: 50 }).toEqual([]);
    await expect.poll(() => existsSync(left!), { timeout: 2000 }).toBe(false);
  } finally {
    child.kill('SIGKILL');
    if (left) killRedisUnder(left);
  }
});
