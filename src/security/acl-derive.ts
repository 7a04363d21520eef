import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { z } from 'zod';
import { CLIENT_METHODS, DYNAMIC_LUA_CALLS, LUA_COMMANDS } from '../render/acl-grant.js';

/**
 * Re-derives the `--acl` grant from an installed BullMQ, so that a BullMQ upgrade that sends a new
 * command (or stops sending one) is caught by a test, not by a NOPERM in production.
 * Lua: every `redis.call` / `redis.pcall` (and local aliases such as `rcall`) in its scripts.
 * Client side: the methods of its `IRedisClient` / `IRedisTransaction` interfaces, which is all
 * BullMQ calls on a connection, plus raw `client('SUB')` calls in its classes.
 */
export interface DerivedGrant {
  version: string;
  /** Commands the Lua scripts run, lower-case. */
  lua: Set<string>;
  /** Commands the client side sends, lower-case (`client|list` for subcommands). */
  client: Set<string>;
  /** What the committed tables in src/render/acl-grant.ts do not cover, one line each. */
  unclassified: string[];
}

/** The folder of the BullMQ that `from` resolves (default: the one redis-arc runs). */
export function bullmqDir(from: string = import.meta.url): string {
  const require = createRequire(from);
  return dirname(require.resolve('bullmq/package.json'));
}

function luaFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.lua'))
    .map((e) => join(e.parentPath, e.name));
}

/** Lua source without comments (a call inside a comment is not a call). */
function stripLuaComments(text: string): string {
  return text.replace(/--\[(=*)\[[\s\S]*?\]\1\]/g, '').replace(/--[^\n]*/g, '');
}

function deriveLua(commandsDir: string, unclassified: string[]): Set<string> {
  const found = new Set<string>();
  const scripts = luaFiles(commandsDir).map((file) => ({ name: relative(commandsDir, file), text: stripLuaComments(readFileSync(file, 'utf8')) }));
  // Includes use the alias (`rcall`) their including script declares, so aliases are collected from all files first.
  const callers = new Set(['redis\\.call', 'redis\\.pcall']);
  for (const { text } of scripts) {
    for (const [, alias] of text.matchAll(/local\s+([A-Za-z_]\w*)\s*=\s*redis\.p?call\b(?!\s*\()/g)) if (alias) callers.add(alias);
  }
  const call = new RegExp(`(?<![\\w.])(?:${[...callers].join('|')})\\(\\s*(?:(["'])([A-Za-z_|]+)\\1|([A-Za-z_]\\w*))`, 'g');
  for (const { name, text } of scripts) {
    for (const m of text.matchAll(call)) {
      if (m[2]) {
        found.add(m[2].toLowerCase());
        continue;
      }
      const site = `${name}:${m[3]}`;
      const resolved = DYNAMIC_LUA_CALLS[site];
      if (resolved) resolved.forEach((c) => found.add(c));
      else unclassified.push(`${site}: a Lua call with a variable command, not in DYNAMIC_LUA_CALLS`);
    }
  }
  return found;
}

/** Method names declared by `export interface NAME ... { ... }` in a .d.ts. */
function interfaceMethods(dts: string, name: string): string[] {
  const start = dts.search(new RegExp(`export interface ${name}\\b[^{]*\\{`));
  if (start < 0) return [];
  const body = dts.slice(dts.indexOf('{', start) + 1, dts.indexOf('\n}', start));
  return [...body.matchAll(/^ {4}(\w+)\??(?:<[^>]*>)?\(/gm)].flatMap(([, method]) => (method ? [method] : []));
}

const ADAPTERS = /^(ioredis|node-redis|valkey-glide|bun-redis)-client\.js$/;

function deriveClient(esm: string, unclassified: string[]): Set<string> {
  const found = new Set<string>();
  const dts = readFileSync(join(esm, 'interfaces', 'redis-client.d.ts'), 'utf8');
  const methods = new Set([...interfaceMethods(dts, 'IRedisClient'), ...interfaceMethods(dts, 'IRedisTransaction')]);
  if (methods.size === 0) unclassified.push('interfaces/redis-client.d.ts: no IRedisClient methods found (BullMQ changed its client layer)');
  for (const method of methods) {
    const commands = CLIENT_METHODS[method];
    if (commands) commands.forEach((c) => found.add(c));
    else unclassified.push(`IRedisClient.${method}: a client method not in CLIENT_METHODS`);
  }
  for (const method of Object.keys(CLIENT_METHODS)) {
    if (!methods.has(method)) unclassified.push(`CLIENT_METHODS.${method}: no longer a method of BullMQ's client interfaces`);
  }
  // Raw ioredis calls that bypass the interface (e.g. `node.client('LIST')` on cluster nodes).
  const classes = join(esm, 'classes');
  for (const file of readdirSync(classes).filter((f) => f.endsWith('.js') && !ADAPTERS.test(f))) {
    for (const [, command] of readFileSync(join(classes, file), 'utf8').matchAll(/\.client\(\s*['"]([A-Za-z]+)['"]/g)) {
      if (command) found.add(`client|${command.toLowerCase()}`);
    }
  }
  return found;
}

/** Derive what the BullMQ installed at `dir` sends. */
export function deriveBullmqGrant(dir: string = bullmqDir()): DerivedGrant {
  const esm = join(dir, 'dist', 'esm');
  if (!existsSync(join(esm, 'commands'))) throw new Error(`${dir}: no dist/esm/commands (not a BullMQ package?)`);
  const pkg = z.object({ version: z.string() }).safeParse(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')));
  if (!pkg.success) throw new Error(`${dir}/package.json: no version (not a BullMQ package?)`);
  const { version } = pkg.data;
  const unclassified: string[] = [];
  return { version, lua: deriveLua(join(esm, 'commands'), unclassified), client: deriveClient(esm, unclassified), unclassified };
}

/**
 * Differences between the committed grant and a derivation, one line each, naming the command:
 * empty when they agree.
 */
export function grantDrift(d: DerivedGrant): string[] {
  const lines = [...d.unclassified];
  const committedLua = new Set(LUA_COMMANDS);
  for (const c of d.lua) if (!committedLua.has(c)) lines.push(`${c}: BullMQ ${d.version}'s Lua scripts run it, LUA_COMMANDS does not grant it`);
  for (const c of committedLua) if (!d.lua.has(c)) lines.push(`${c}: granted in LUA_COMMANDS, no Lua script of BullMQ ${d.version} runs it`);
  const clientTable = new Set(Object.values(CLIENT_METHODS).flat());
  for (const c of d.client) if (!clientTable.has(c)) lines.push(`${c}: BullMQ ${d.version}'s client side sends it, CLIENT_METHODS does not grant it`);
  return lines;
}
