/**
 * `down` stops what `up` started, whatever happened to redis-arc.yaml since: ports moved, replicas
 * or sentinels removed, the spec deleted and made again, the node folders deleted under running
 * nodes. Each case checks the one line, the exit code, that no process is left and what became
 * of the data. Real redis-server / redis-sentinel processes; ports 14000-14199.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, expectNoStackTrace, tempDir, type CliResult } from '../helpers/cli.js';
import { killRedisUnder, redisProcessesUnder } from '../helpers/processes.js';
import { redisCli } from '../helpers/redis-cli.js';
import { DEFAULT_PASSWORD_FILE } from '../../src/specfile/defaults.js';

const dirs: ReturnType<typeof tempDir>[] = [];

afterAll(async () => {
  for (const d of dirs) {
    killRedisUnder(d.path);
    d[Symbol.dispose]();
  }
});

async function project(portBase: number): Promise<{ dir: string; spec: string; nodes: string }> {
  const d = tempDir('redis-arc-down-');
  dirs.push(d);
  await init(d.path, portBase);
  return { dir: d.path, spec: join(d.path, 'redis-arc.yaml'), nodes: join(d.path, '.redis-arc', 'local', 'nodes') };
}

async function init(dir: string, portBase: number, extra: string[] = []): Promise<void> {
  const r = await cli(['init', 'sentinel', '--dir', dir, '--port-base', String(portBase), '--sentinel-port-base', String(portBase + 50), ...extra]);
  expect(r.exitCode, r.stderr).toBe(0);
}

function edit(spec: string, from: RegExp, to: string): void {
  const text = readFileSync(spec, 'utf8');
  expect(text).toMatch(from);
  writeFileSync(spec, text.replace(from, to));
}

async function up(spec: string): Promise<void> {
  const r = await cli(['up', '--spec', spec]);
  expect(r.exitCode, r.stderr).toBe(0);
}

/** The command's last line, after checking it printed no stack trace. */
function lastLine(r: CliResult): string {
  expectNoStackTrace(r.stderr + r.stdout);
  return r.stderr.trim().split('\n').at(-1) ?? '';
}

describe('down stops what was started', () => {
  it('after ports.base was edited: up refuses with advice, and that advice works', async () => {
    const p = await project(14000);
    await up(p.spec);
    expect(redisProcessesUnder(p.dir)).toHaveLength(6);
    edit(p.spec, /base: 14000/, 'base: 14010');

    const refused = await cli(['up', '--spec', p.spec]);
    expect(refused.exitCode).toBe(1);
    expect(lastLine(refused)).toMatch(/^redis-arc: redis-arc\.yaml changed since the nodes .* were created; run `redis-arc down --purge`/);
    expect(redisProcessesUnder(p.dir)).toHaveLength(6);

    const status = await cli(['status', '--spec', p.spec]);
    expect(status.stdout + status.stderr).toMatch(/redis-1 \(pid \d+, port 14000\).* still run from an earlier redis-arc\.yaml; `redis-arc down` stops them/);

    const down = await cli(['down', '--purge', '--spec', p.spec]);
    expect(down.exitCode, down.stderr).toBe(0);
    expect(lastLine(down)).toBe('✔ arc: stopped 6 node(s); data deleted');
    expect(redisProcessesUnder(p.dir)).toEqual([]);
    expect(existsSync(p.nodes)).toBe(false);

    // The advice was: down --purge, then up. The new ports are used.
    await up(p.spec);
    const again = await cli(['down', '--purge', '--spec', p.spec]);
    expect(lastLine(again)).toBe('✔ arc: stopped 6 node(s); data deleted');
    expect(redisProcessesUnder(p.dir)).toEqual([]);
  });

  it('after replicas and sentinels were shrunk: down stops all six and keeps their data', async () => {
    const p = await project(14100);
    await up(p.spec);
    edit(p.spec, /replicas: 2/, 'replicas: 1');
    edit(p.spec, /sentinels: 3/, 'sentinels: 1');
    edit(p.spec, /quorum: 2/, 'quorum: 1');

    const down = await cli(['down', '--spec', p.spec]);
    expect(down.exitCode, down.stderr).toBe(0);
    expect(lastLine(down)).toBe('✔ arc: stopped 6 node(s)');
    expect(redisProcessesUnder(p.dir)).toEqual([]);
    expect(readdirSync(p.nodes).sort()).toEqual(['redis-1', 'redis-2', 'redis-3', 'sentinel-1', 'sentinel-2', 'sentinel-3']);
    expect(existsSync(join(p.nodes, 'redis-3', 'redis.conf'))).toBe(true);

    const again = await cli(['down', '--purge', '--spec', p.spec]);
    expect(again.exitCode).toBe(0);
    expect(lastLine(again)).toBe('✔ arc: nothing was running; data deleted');
    expect(existsSync(p.nodes)).toBe(false);
  });

  it('after the spec was deleted and made again with other ports: down --purge stops the old nodes', async () => {
    const p = await project(14020);
    await up(p.spec);
    rmSync(p.spec);

    const lost = await cli(['down', '--purge', '--spec', p.spec]);
    expect(lost.exitCode).toBe(1);
    expect(lastLine(lost)).toMatch(/^redis-arc: .*redis-arc\.yaml: no such spec; run `redis-arc init sentinel` here/);
    expect(redisProcessesUnder(p.dir)).toHaveLength(6);

    await init(p.dir, 14120);
    const down = await cli(['down', '--purge', '--spec', p.spec]);
    expect(down.exitCode, down.stderr).toBe(0);
    expect(lastLine(down)).toBe('✔ arc: stopped 6 node(s); data deleted');
    expect(redisProcessesUnder(p.dir)).toEqual([]);
    expect(existsSync(p.nodes)).toBe(false);
  });

  it('after the node folders were deleted under running nodes: down still finds and stops them', async () => {
    const p = await project(14040);
    await up(p.spec);
    // What an older `down --purge` did to nodes it did not find. Such a Redis cannot shut down on
    // SIGTERM (its final save has nowhere to go), so down has to escalate to SIGKILL.
    // A replica rewrites its AOF right after its first sync, which can still run when `up` is
    // healthy: wait until no node is rewriting, so the folders can go at all.
    const password = readFileSync(join(p.dir, DEFAULT_PASSWORD_FILE), 'utf8').trim();
    const rewriting = async () => {
      const infos = await Promise.all([14040, 14041, 14042].map((port) => redisCli(port, ['INFO', 'persistence'], password)));
      return infos.some((i) => /aof_rewrite_(in_progress|scheduled):1/.test(i));
    };
    await expect.poll(rewriting, { timeout: 10_000, interval: 50 }).toBe(false);
    // Redis may still append while the folders go: retry as rm -rf would be retried by hand.
    rmSync(join(p.dir, '.redis-arc', 'local'), { recursive: true, force: true, maxRetries: 30, retryDelay: 50 });

    const down = await cli(['down', '--spec', p.spec]);
    expect(down.exitCode, down.stderr).toBe(0);
    expect(lastLine(down)).toMatch(/^✔ arc: stopped 6 node\(s\); 3 needed SIGKILL \(redis-\d, redis-\d, redis-\d\)$/);
    expect(redisProcessesUnder(p.dir)).toEqual([]);
  });
});
