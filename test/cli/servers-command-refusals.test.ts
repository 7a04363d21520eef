/**
 * `redis-arc servers` and `--server` refuse in one line with the documented exit code: a name
 * that is not a server, the machine's own Redis (nothing to fetch or delete), a server not yet
 * fetched; and when apt cannot reach the suite, `add` says so, says to point --server at a
 * binary instead, and leaves no half server in the cache. Port 22999 (nothing listens there).
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CannotRunError, EXIT } from '../../src/errors/index.js';
import { catalogueServer } from '../../src/servers/catalogue.js';
import { requireAmd64 } from '../../src/servers/apt.js';
import { fetchServer } from '../../src/servers/fetch.js';
import { cli, expectNoStackTrace, tempDir } from '../helpers/cli.js';

const home = tempDir('arc-servers-cli-');
afterAll(() => home[Symbol.dispose]());
const env = { XDG_CACHE_HOME: join(home.path, 'cache') };

describe('redis-arc servers refuses in one line', () => {
  it.each([
    [['servers', 'add', 'valkey-9'], EXIT.usage, /^redis-arc: servers add: unknown server "valkey-9"; expected one of redis-8.0, valkey-8.1$/],
    [['servers', 'add', 'redis-7.0'], EXIT.usage, /redis-7.0 is the machine's own redis-server \(PATH\); nothing to fetch/],
    [['servers', 'remove', 'redis-7.0'], EXIT.usage, /not in the cache; redis-arc deletes nothing outside/],
    [['servers', 'remove', 'valkey-8.1'], EXIT.failed, /servers remove valkey-8.1: not in the cache \(.*\); nothing to delete/],
  ])('%j', async (args, exit, line) => {
    const r = await cli(args, { env });
    expect(r.exitCode).toBe(exit);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(line);
    expectNoStackTrace(r.stderr);
  });

  it('up --server on a server not fetched yet says how to fetch it, and starts nothing', async () => {
    const dir = join(home.path, 'project');
    mkdirSync(dir);
    expect((await cli(['init', 'sentinel', '--port-base', '22900', '--sentinel-port-base', '22910'], { cwd: dir, env })).exitCode).toBe(0);
    const r = await cli(['up', '--server', 'valkey-8.1'], { cwd: dir, env });
    expect(r.exitCode).toBe(EXIT.failed);
    expect(r.stderr).toMatch(/^redis-arc: server valkey-8.1 is not in the cache \(.*\); fetch it with `redis-arc servers add valkey-8.1`$/m);
    expect(existsSync(join(dir, '.redis-arc', 'local', 'nodes', 'redis-1', 'redis.pid'))).toBe(false);
  });

  it('up --dry-run names the server it would run, and refuses one that is none', async () => {
    const dir = join(home.path, 'plan');
    mkdirSync(dir);
    expect((await cli(['init', 'standalone', '--port-base', '22930', '--server', 'redis-8.0'], { cwd: dir, env })).exitCode).toBe(0);
    const plan = await cli(['up', '--dry-run'], { cwd: dir, env });
    expect(plan.stdout).toContain('local runtime (server redis-8.0)');
    const json = JSON.parse((await cli(['up', '--dry-run', '--json', '--server', 'valkey-8.1'], { cwd: dir, env })).stdout) as { server?: string };
    expect(json.server).toBe('valkey-8.1');
    const bad = await cli(['up', '--dry-run', '--server', 'valkey-9'], { cwd: dir, env });
    expect(bad.exitCode).toBe(EXIT.usage);
    expect(bad.stderr.trim()).toBe(
      'redis-arc: server "valkey-9": expected one of redis-7.0, redis-8.0, valkey-8.1 or a path to a redis-server / valkey-server binary (with a /)',
    );
  });

  it('a spec naming no known server is refused at its line', async () => {
    const dir = join(home.path, 'bad-spec');
    mkdirSync(dir);
    writeFileSync(join(dir, 'redis-arc.yaml'), 'kind: standalone\nserver: valkey-9\nports:\n  base: 22920\n');
    const r = await cli(['up', '--dry-run'], { cwd: dir, env });
    expect(r.exitCode).toBe(EXIT.failed);
    expect(r.stderr).toMatch(/redis-arc.yaml:2: server: expected one of redis-7.0, redis-8.0, valkey-8.1 or a path/);
  });
});

describe('servers add when apt cannot reach the suite', () => {
  it('says so in one line, names the way out, and leaves nothing in the cache', async () => {
    const etc = join(home.path, 'etc-apt');
    mkdirSync(join(etc, 'sources.list.d'), { recursive: true });
    writeFileSync(join(etc, 'sources.list'), 'deb http://127.0.0.1:22999/debian bookworm main\n');
    const valkey = catalogueServer('valkey-8.1');
    if (valkey?.source !== 'debian') throw new Error('valkey-8.1 is a Debian server');
    const cacheDir = join(home.path, 'offline-cache');
    const t0 = performance.now();
    const failed = fetchServer(valkey, { cacheDir, aptEtc: etc });
    await expect(failed).rejects.toBeInstanceOf(CannotRunError);
    await expect(failed).rejects.toThrow(/^servers add: apt cannot reach trixie at http:\/\/127\.0\.0\.1:22999\/debian \(.*\); point --server .* instead/);
    expect(performance.now() - t0).toBeLessThan(30_000);
    // Only apt's private index folder: no server folder, whole or half.
    expect(readdirSync(cacheDir)).toEqual(['.apt-trixie']);
  });

  it('says so on a machine that is not amd64', () => {
    expect(() => requireAmd64('arm64')).toThrow(/^servers add fetches Debian's amd64 packages, not arm64's; point --server/);
  });

  it('says so when the machine has no Debian mirror at all', async () => {
    const etc = join(home.path, 'etc-empty');
    mkdirSync(etc);
    const valkey = catalogueServer('valkey-8.1');
    if (valkey?.source !== 'debian') throw new Error('valkey-8.1 is a Debian server');
    await expect(fetchServer(valkey, { cacheDir: join(home.path, 'c2'), aptEtc: etc })).rejects.toThrow(/no Debian mirror in .*; point --server/);
  });
});
