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

describe('doctor --client FILE', () => {
  it('names the harmful settings without connecting, exit 1 for an error', async () => {
    const r = await cli(['doctor', '--client', 'redis-arc,./harmful.mjs', '--json'], { cwd: fixtures });
    expect(r.exitCode, r.stderr).toBe(EXIT.failed);
    const report = JSON.parse(r.stdout);
    expect(report.clients).toEqual(['redis-arc', './harmful.mjs']);
    expect(report.findings.map((f: { rule: string; path: string }) => `${f.rule} ${f.path}`)).toEqual([
      'client-worker-retries ./harmful.mjs: worker maxRetriesPerRequest',
      'client-offline-queue ./harmful.mjs: producer enableOfflineQueue',
      'client-follow-switch ./harmful.mjs: producer failoverDetector',
      'client-follow-switch ./harmful.mjs: worker failoverDetector',
    ]);
  });

  it('reads a cluster client (an ioredis Cluster instance) for --cluster', async () => {
    const r = await cli(['doctor', '--client', './harmful.mjs', '--cluster', '127.0.0.1:1'], { cwd: fixtures });
    expect(r.stdout).toMatch(/warning +\.\/harmful\.mjs: producer maxRedirections = 3/);
  });

  it('an unusable module is one line naming it, exit 2', async () => {
    const r = await cli(['doctor', '--client', './throws.mjs'], { cwd: fixtures });
    expect(r.exitCode).toBe(EXIT.usage);
    expect(r.stderr.trim()).toBe('redis-arc: --client ./throws.mjs: loading it threw Error: REDIS_URL is not set');
  });
});
