/**
 * The `--acl` grant is exactly what the installed BullMQ sends: re-derived from its Lua scripts and
 * its client interface on every run, so upgrading BullMQ fails here, naming the command, before any
 * application meets a NOPERM. The derivation itself is checked on a fake package: it must see a call
 * hidden in an include, a variable command, and ignore a call inside a comment.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { aclCommandRules, bullmqGrant, CONNECTION_COMMANDS } from '../../src/render/acl-grant.js';
import { bullmqDir, deriveBullmqGrant, grantDrift } from '../../src/security/acl-derive.js';

describe('the --acl grant against the installed BullMQ', () => {
  const derived = deriveBullmqGrant(bullmqDir());

  it('covers every command BullMQ sends and grants none it does not send', () => {
    expect(derived.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(grantDrift(derived)).toEqual([]);
    const needed = new Set([...derived.lua, ...derived.client, ...Object.keys(CONNECTION_COMMANDS)]);
    expect(bullmqGrant()).toEqual([...needed].sort());
  });

  it('grants what the features need (Relay clock, worker and event listings) and nothing dangerous beyond CLIENT LIST', () => {
    const grant = bullmqGrant();
    for (const c of ['time', 'client|list', 'client|info', 'evalsha', 'bzpopmin', 'xread', 'scan']) expect(grant).toContain(c);
    for (const c of [
      'keys',
      'flushall',
      'flushdb',
      'config',
      'debug',
      'shutdown',
      'acl',
      'module',
      'monitor',
      'client',
      'client|kill',
      'script',
      'script|flush',
      'fcall',
      'fcall_ro',
      'function',
      'memory|usage',
      'lolwut',
      'select',
      'publish',
      'subscribe',
    ]) {
      expect(grant, c).not.toContain(c);
    }
    expect(aclCommandRules()).toMatch(/^\+[a-z|]+( \+[a-z|]+)*$/);
  });
});

describe('the derivation', () => {
  const dir = mkdtempSync(join(tmpdir(), 'redis-arc-fake-bullmq-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function fakeBullmq(lua: Record<string, string>, clientMethods: string[]): string {
    const esm = join(dir, 'dist', 'esm');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(join(esm, 'commands', 'includes'), { recursive: true });
    mkdirSync(join(esm, 'interfaces'), { recursive: true });
    mkdirSync(join(esm, 'classes'), { recursive: true });
    writeFileSync(join(dir, 'package.json'), '{"version":"9.9.9"}');
    for (const [f, text] of Object.entries(lua)) writeFileSync(join(esm, 'commands', f), text);
    writeFileSync(
      join(esm, 'interfaces', 'redis-client.d.ts'),
      `export interface IRedisClient {\n${clientMethods.map((m) => `    ${m}(): Promise<void>;`).join('\n')}\n}\n`,
    );
    writeFileSync(join(esm, 'classes', 'queue.js'), "node.client('KILL');\n");
    return dir;
  }

  it('finds calls in includes through the alias, resolves no variable it does not know, and skips comments', () => {
    const d = deriveBullmqGrant(
      fakeBullmq(
        {
          'main-1.lua':
            'local rcall = redis.call\n-- rcall("FLUSHALL")\n--[[ rcall("DEBUG") ]]\nrcall("ZADD", KEYS[1], 1, "a")\nredis.pcall(\'GETDEL\', KEYS[1])\n',
          'includes/helper.lua': 'local function f(cmd) rcall("TIME"); return rcall(cmd, KEYS[1]) end\n',
        },
        ['hget', 'flushThings'],
      ),
    );
    expect([...d.lua].sort()).toEqual(['getdel', 'time', 'zadd']);
    expect(d.client).toContain('client|kill');
    const drift = grantDrift(d);
    expect(drift).toContain('includes/helper.lua:cmd: a Lua call with a variable command, not in DYNAMIC_LUA_CALLS');
    expect(drift).toContain('IRedisClient.flushThings: a client method not in CLIENT_METHODS');
    expect(drift).toContain("getdel: BullMQ 9.9.9's Lua scripts run it, LUA_COMMANDS does not grant it");
    expect(drift).toContain('hmset: granted in LUA_COMMANDS, no Lua script of BullMQ 9.9.9 runs it');
    expect(drift).toContain("client|kill: BullMQ 9.9.9's client side sends it, CLIENT_METHODS does not grant it");
    expect(drift).toContain("CLIENT_METHODS.clientList: no longer a method of BullMQ's client interfaces");
    expect(drift.join('\n')).not.toMatch(/flushall|debug/i);
  });
});
