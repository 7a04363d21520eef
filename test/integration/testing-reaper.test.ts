/**
 * The reaper: a test process killed with SIGKILL (no disposal, no exit handler) leaves no Redis
 * running. The killed "runner" is a child node process that starts a topology through
 * `redis-arc/testing` on ports 9000-9999.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { killRedisUnder, redisProcessesUnder } from '../helpers/processes.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/start-and-hang.mjs', import.meta.url));

it('kill -9 of the process that started a topology: every Redis process of it is gone within seconds', async () => {
  const child = spawn(process.execPath, [FIXTURE, '9000', '9999'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let dir: string | undefined;
  try {
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout! }).once('line', resolve);
      child.once('exit', (code) => reject(new Error(`the child exited (${code}) before starting the topology`)));
    });
    dir = (JSON.parse(line) as { dir: string }).dir;
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
