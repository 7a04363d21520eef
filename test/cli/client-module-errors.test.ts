/**
 * `--client FILE` that cannot be used: one line naming the file, exit 2, no stack trace, before
 * anything connects (no topology is needed to see it).
 */
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../src/errors/index.js';
import { cli, expectNoStackTrace } from '../helpers/cli.js';

const fixtures = resolve(import.meta.dirname, '../fixtures/clients');

describe('failover-test --client FILE', () => {
  it.each([
    ['./missing.mjs', /^redis-arc: --client \.\/missing\.mjs: no such file/],
    ['./throws.mjs', /^redis-arc: --client \.\/throws\.mjs: loading it threw Error: REDIS_URL is not set$/],
    ['./empty.mjs', /^redis-arc: --client \.\/empty\.mjs: exports no client/],
    ['defaults,./empty.mjs', /^redis-arc: --client \.\/empty\.mjs: exports no client/],
  ])('%s: one line naming the file, exit 2', async (client, line) => {
    const r = await cli(['failover-test', '--sentinel', '127.0.0.1:1', '--client', client], { cwd: fixtures });
    expect(r.exitCode, r.stderr).toBe(EXIT.usage);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(line);
    expectNoStackTrace(r.stderr + r.stdout);
  });

  it('--app-dir without --client is a usage error', async () => {
    const r = await cli(['failover-test', '--sentinel', '127.0.0.1:1', '--app-dir', join(fixtures, '..')]);
    expect(r.exitCode).toBe(EXIT.usage);
    expect(r.stderr).toMatch(/--app-dir says where --client finds bullmq and ioredis: give --client too/);
  });
});
