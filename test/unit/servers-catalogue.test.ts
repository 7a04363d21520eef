/**
 * The catalogue of servers: names a spec and --server accept, where fetched ones live, what the
 * runtime runs for each, what INFO says ran, and that `remove` deletes only inside the cache.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ArcError, UsageError } from '../../src/errors/index.js';
import { serversCacheDir, ServerFolder } from '../../src/servers/cache.js';
import { catalogueServer, SERVER_NAMES } from '../../src/servers/catalogue.js';
import { upstream } from '../../src/servers/fetch.js';
import { serverIdentity, serverLabel } from '../../src/servers/identity.js';
import { removeServer } from '../../src/servers/list.js';
import { resolveServer } from '../../src/servers/resolve.js';
import { wrapperScript } from '../../src/servers/wrappers.js';

const cache = mkdtempSync(join(tmpdir(), 'arc-servers-cache-'));
afterAll(() => rmSync(cache, { recursive: true, force: true }));

describe('the server catalogue', () => {
  it('names the machine’s Redis and the two Debian 13 servers', () => {
    expect(SERVER_NAMES).toEqual(['redis-7.0', 'redis-8.0', 'valkey-8.1']);
    expect(catalogueServer('valkey-8.1')).toMatchObject({ source: 'debian', suite: 'trixie', toolsPackage: 'valkey-tools', prefix: 'valkey' });
    expect(catalogueServer('redis-8.0')).toMatchObject({ source: 'debian', suite: 'trixie', toolsPackage: 'redis-tools', prefix: 'redis' });
  });

  it('keeps fetched servers under XDG_CACHE_HOME, else ~/.cache', () => {
    expect(serversCacheDir({ XDG_CACHE_HOME: '/x/cache' })).toBe('/x/cache/redis-arc/servers');
    expect(serversCacheDir({ XDG_CACHE_HOME: 'relative' })).toMatch(/\/\.cache\/redis-arc\/servers$/);
  });

  it('reads the upstream version out of a Debian version', () => {
    expect(upstream('5:8.0.2-3+deb13u3')).toBe('8.0.2');
    expect(upstream('8.1.1+dfsg1-3+deb13u3')).toBe('8.1.1');
  });

  it('runs the server binary (*-check-rdb) under the name that picks its mode, through the folder’s own loader', () => {
    const valkey = catalogueServer('valkey-8.1');
    if (valkey?.source !== 'debian') throw new Error('valkey-8.1 is a Debian server');
    const sentinel = wrapperScript(valkey, 'redis-sentinel');
    expect(sentinel).toContain('exec "$dir/libexec/valkey-sentinel" --library-path "$lib" --argv0 valkey-sentinel "$root/usr/bin/valkey-check-rdb" "$@"');
    expect(wrapperScript(valkey, 'redis-cli')).toContain('"$root/usr/bin/valkey-cli" "$@"');
  });
});

describe('resolving a server', () => {
  it('refuses a name it does not know, naming the ones it does', async () => {
    await expect(resolveServer('valkey-9', { cacheDir: cache })).rejects.toThrow(UsageError);
    await expect(resolveServer('valkey-9', { cacheDir: cache })).rejects.toThrow(/expected one of redis-7.0, redis-8.0, valkey-8.1 or a path/);
  });

  it('says how to fetch a catalogue server that is not in the cache', async () => {
    await expect(resolveServer('valkey-8.1', { cacheDir: cache })).rejects.toThrow('fetch it with `redis-arc servers add valkey-8.1`');
  });

  it('runs a fetched one through its wrappers, and a user’s binary in sentinel mode by --sentinel', async () => {
    const folder = new ServerFolder('redis-8.0', cache);
    mkdirSync(join(folder.dir, 'bin'), { recursive: true });
    for (const p of ['redis-server', 'redis-sentinel'] as const) {
      writeFileSync(folder.bin(p), '#!/bin/sh\n');
      chmodSync(folder.bin(p), 0o755);
    }
    expect(await resolveServer('redis-8.0', { cacheDir: cache })).toEqual({
      name: 'redis-8.0',
      server: folder.bin('redis-server'),
      sentinel: folder.bin('redis-sentinel'),
      sentinelArgs: [],
    });
    expect(await resolveServer(folder.bin('redis-server'))).toMatchObject({ sentinel: folder.bin('redis-server'), sentinelArgs: ['--sentinel'] });
    await expect(resolveServer(join(cache, 'no-such-binary'))).rejects.toThrow(/not a runnable file/);
  });
});

describe('removing a server', () => {
  it('deletes a fetched server’s folder and nothing else; refuses the machine’s own and unknown names', async () => {
    const folder = new ServerFolder('valkey-8.1', cache);
    mkdirSync(join(folder.dir, 'root'), { recursive: true });
    const beside = join(cache, 'keep-me');
    writeFileSync(beside, 'x');
    expect((await removeServer('valkey-8.1', cache)).removed).toBe(folder.dir);
    expect(existsSync(folder.dir)).toBe(false);
    expect(existsSync(beside)).toBe(true);
    await expect(removeServer('valkey-8.1', cache)).rejects.toThrow(/not in the cache/);
    await expect(removeServer('redis-7.0', cache)).rejects.toThrow(UsageError);
    await expect(removeServer('../keep-me', cache)).rejects.toThrow(UsageError);
    await expect(removeServer('valkey-8.1', cache)).rejects.toBeInstanceOf(ArcError);
  });
});

describe('which server ran', () => {
  it('is Valkey’s own name and version, not the Redis version it reports for compatibility', () => {
    const valkey = serverIdentity({ redis_version: '7.2.4', server_name: 'valkey', valkey_version: '8.1.1' });
    expect(valkey).toEqual({ name: 'valkey', version: '8.1.1' });
    expect(serverLabel(valkey)).toBe('Valkey 8.1.1');
    expect(serverLabel(serverIdentity({ redis_version: '8.0.2' }))).toBe('Redis 8.0.2');
    // A result saved before servers were named.
    expect(serverLabel(undefined, '7.0.15')).toBe('Redis 7.0.15');
  });
});
