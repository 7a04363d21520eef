/**
 * Auth is on by default and the password goes nowhere it could leak: no node lets a client in
 * without it, and it is in no process title, log, committed file or command output.
 * Ports 20900-20999 (cluster bus below 32768).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, tempDir } from '../helpers/cli.js';
import { killRedisUnder, redisProcessesUnder } from '../helpers/processes.js';
import { redisCli } from '../helpers/redis-cli.js';

const KINDS = [
  { kind: 'sentinel', args: ['--port-base', '20900', '--sentinel-port-base', '20950'], ports: [20900, 20901, 20902, 20950, 20951, 20952] },
  { kind: 'cluster', args: ['--port-base', '20920'], ports: [20920, 20921, 20922, 20923, 20924, 20925] },
] as const;

const projects = new Map<string, { dir: string; spec: string; password: string; outputs: string[] }>();
const dirs: ReturnType<typeof tempDir>[] = [];

beforeAll(async () => {
  await Promise.all(
    KINDS.map(async ({ kind, args }) => {
      const d = tempDir('redis-arc-auth-');
      dirs.push(d);
      const spec = join(d.path, 'redis-arc.yaml');
      const outputs: string[] = [];
      for (const cmd of [
        ['init', kind, '--dir', d.path, ...args],
        ['up', '--spec', spec],
        ['up', '--spec', spec, '--json'],
        ['status', '--spec', spec, '--json'],
      ]) {
        const r = await cli(cmd);
        expect(r.exitCode, r.stderr).toBe(0);
        outputs.push(r.stdout, r.stderr);
      }
      projects.set(kind, { dir: d.path, spec, password: readFileSync(join(d.path, '.redis-arc.secret'), 'utf8').trim(), outputs });
    }),
  );
}, 120_000);

afterAll(async () => {
  for (const d of dirs) {
    await cli(['down', '--purge', '--spec', join(d.path, 'redis-arc.yaml')]);
    killRedisUnder(d.path);
    d[Symbol.dispose]();
  }
});

/** The addresses sockets listen on for `port`, from the kernel's own tables (IPv4 and IPv6). */
function listeningAddresses(port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const out = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (state !== '0A' || !local?.endsWith(`:${hexPort}`)) continue;
      const hex = local.split(':')[0]!;
      out.add(
        hex.length === 8
          ? hex
              .match(/../g)!
              .reverse()
              .map((b) => parseInt(b, 16))
              .join('.')
          : `ipv6:${hex}`,
      );
    }
  }
  return [...out];
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

describe.each(KINDS)('$kind topology', ({ kind, ports }) => {
  const p = () => projects.get(kind)!;

  it('refuses a client without the password on every node, and lets one with it in', async () => {
    for (const port of ports) {
      expect(await redisCli(port, ['PING']), `port ${port} without password`).toMatch(/NOAUTH/);
      expect(await redisCli(port, ['PING'], 'not-the-password'), `port ${port} wrong password`).toMatch(/WRONGPASS|invalid username-password/);
      expect(await redisCli(port, ['PING'], p().password), `port ${port} with password`).toContain('PONG');
    }
  });

  it('listens on 127.0.0.1 only, in protected mode', async () => {
    for (const port of ports) expect(listeningAddresses(port), `port ${port}`).toEqual(['127.0.0.1']);
    // Sentinels have no CONFIG command; their rendered conf is checked by the golden files.
    for (const port of ports.filter((x) => kind === 'cluster' || x < 20950)) {
      expect(await redisCli(port, ['CONFIG', 'GET', 'protected-mode'], p().password)).toMatch(/^yes$/m);
    }
  });

  it('keeps the password out of process titles, logs and command output', async () => {
    const ps = String((await execa('ps', ['-eo', 'args'])).stdout);
    expect(redisProcessesUnder(p().dir)).toHaveLength(6);
    expect(ps.includes(p().password)).toBe(false);
    for (const file of filesUnder(p().dir).filter((f) => f.endsWith('.log'))) {
      expect(readFileSync(file, 'utf8').includes(p().password), relative(p().dir, file)).toBe(false);
    }
    for (const out of p().outputs) expect(out.includes(p().password)).toBe(false);
  });

  it('writes the password only to 0600 files that .gitignore keeps out of commits, under 0700 folders', async () => {
    const ignored = readFileSync(join(p().dir, '.gitignore'), 'utf8').split('\n');
    const isIgnored = (rel: string) =>
      ignored.some((pattern) => pattern && (rel === pattern || rel.startsWith(pattern.endsWith('/') ? pattern : `${pattern}/`)));
    const holders = filesUnder(p().dir).filter((f) => readFileSync(f, 'utf8').includes(p().password));
    expect(holders.length).toBeGreaterThan(0);
    for (const file of holders) {
      const rel = relative(p().dir, file);
      expect((statSync(file).mode & 0o777).toString(8), rel).toBe('600');
      expect(isIgnored(rel), `${rel} is not git-ignored`).toBe(true);
    }
    for (const folder of ['.redis-arc', '.redis-arc/local', '.redis-arc/local/nodes']) {
      expect((statSync(join(p().dir, folder)).mode & 0o777).toString(8), folder).toBe('700');
    }
  });
});
