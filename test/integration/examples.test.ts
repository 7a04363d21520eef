/**
 * The examples in examples/ run as a user runs them, through the published `redis-arc/testing`
 * entry: the same BullMQ-across-a-master-kill test under node --test, vitest, jest (ES modules,
 * so with --experimental-vm-modules) and mocha.
 * Their topologies take ports from REDIS_ARC_TESTING_PORTS: 3000-3999 here (no test file names a port there).
 */
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const env = { REDIS_ARC_TESTING_PORTS: '3000-3999' };
const run = (args: string[]) => execa(process.execPath, args, { cwd: ROOT, env, reject: false, all: true, timeout: 90_000 });

describe('examples/: a BullMQ worker keeps processing across a Sentinel master kill', () => {
  it('under node --test', async () => {
    const r = await run(['--test', 'examples/bullmq-failover.node-test.mjs']);
    expect(r.all).toMatch(/^# pass 1$/m);
    expect(r.exitCode).toBe(0);
  });

  it('under vitest', async () => {
    const r = await run(['node_modules/vitest/vitest.mjs', 'run', '--config', 'examples/vitest.config.mjs']);
    expect(r.all).toMatch(/1 passed/);
    expect(r.exitCode).toBe(0);
  });

  it('under jest', async () => {
    const r = await run(['--experimental-vm-modules', 'node_modules/jest/bin/jest.js', '--config', 'examples/jest.config.mjs']);
    expect(r.all).toMatch(/Tests:\s+1 passed, 1 total/);
    expect(r.exitCode).toBe(0);
  });

  it('under mocha', async () => {
    const r = await run(['node_modules/mocha/bin/mocha.js', 'examples/bullmq-failover.mocha.mjs']);
    expect(r.all).toMatch(/1 passing/);
    expect(r.exitCode).toBe(0);
  });
});
