/**
 * `up --server valkey-8.1` on a spec that says redis-7.0: every node runs Valkey from the cache
 * (process name valkey-server / valkey-sentinel, INFO server_name valkey), status is healthy, a
 * second `up --server` of another server beside the running nodes is refused without touching
 * them, and `down --purge` stops every node whatever binary it runs. Ports 22800-22802 and
 * 22820-22822.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/errors/index.js';
import { ServerFolder } from '../../src/servers/cache.js';
import { cli, expectNoStackTrace, tempDir } from '../helpers/cli.js';
import { isLive, killRedisUnder, redisProcessesUnder, statePids } from '../helpers/processes.js';
import { serverOrSkip } from '../helpers/servers.js';

const ready = (await serverOrSkip(import.meta.filename, 'valkey-8.1')) && (await serverOrSkip(import.meta.filename, 'redis-8.0'));
const dir = tempDir('arc-up-server-');
afterAll(async () => {
  await cli(['down', '--purge'], { cwd: dir.path });
  killRedisUnder(dir.path);
  dir[Symbol.dispose]();
});

describe.runIf(ready)('up --server', () => {
  it('runs that server for every node, refuses another beside them, and down stops them all', async () => {
    const init = await cli(['init', 'sentinel', '--port-base', '22800', '--sentinel-port-base', '22820'], { cwd: dir.path });
    expect(init.exitCode, init.stderr).toBe(0);
    expect(readFileSync(join(dir.path, 'redis-arc.yaml'), 'utf8')).toContain('server: redis-7.0');

    const up = await cli(['up', '--server', 'valkey-8.1'], { cwd: dir.path });
    expect(up.exitCode, up.stderr).toBe(0);
    const pids = Object.values(statePids(dir.path));
    expect(pids).toHaveLength(6);
    const names = pids.map((pid) => readFileSync(`/proc/${pid}/comm`, 'utf8').trim()).sort();
    expect(names).toEqual(['valkey-sentinel', 'valkey-sentinel', 'valkey-sentinel', 'valkey-server', 'valkey-server', 'valkey-server']);
    const info = await execa(new ServerFolder('valkey-8.1').bin('redis-cli'), ['-p', '22800', 'INFO', 'server'], {
      env: { REDISCLI_AUTH: readFileSync(join(dir.path, '.redis-arc.secret'), 'utf8').trim() },
    });
    expect(info.stdout).toMatch(/^server_name:valkey\r?$/m);

    const status = await cli(['status'], { cwd: dir.path });
    expect(status.exitCode, status.stderr).toBe(0);
    expect(status.stdout).toContain('HEALTHY');

    // Another server beside running nodes: one line, nothing started or stopped (a healthy
    // "already running" would let the user believe redis-8.0 runs).
    const mixed = await cli(['up', '--server', 'redis-8.0'], { cwd: dir.path });
    expect(mixed.exitCode).toBe(EXIT.failed);
    expect(mixed.stderr.trim().split('\n').at(-1)).toBe(
      "redis-arc: arc's nodes were started with server valkey-8.1, not redis-8.0; run `redis-arc down` first to change servers",
    );
    expectNoStackTrace(mixed.stderr);
    expect(pids.every(isLive)).toBe(true);
    process.kill(statePids(dir.path)['sentinel-3'] ?? 0, 'SIGKILL');
    await expect.poll(() => redisProcessesUnder(dir.path).length).toBe(5);
    // The same server brings the missing sentinel back.
    const again = await cli(['up', '--server', 'valkey-8.1'], { cwd: dir.path });
    expect(again.exitCode, again.stderr).toBe(0);
    expect(redisProcessesUnder(dir.path)).toHaveLength(6);

    const down = await cli(['down', '--purge'], { cwd: dir.path });
    expect(down.exitCode, down.stderr).toBe(0);
    expect(down.stderr).toContain('stopped 6 node(s); data deleted');
    expect(redisProcessesUnder(dir.path)).toEqual([]);
  });
});
