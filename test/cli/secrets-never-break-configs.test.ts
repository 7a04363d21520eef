/**
 * Secrets never break configs and are never printed: a password Redis can hold is quoted so real
 * nodes boot with it and accept it; one it cannot (not UTF-8, several lines, control characters,
 * quotes under Sentinel) is refused by one line naming the file, never the value; and whatever a
 * node logs about its config reaches the user scrubbed. Real redis-server / redis-sentinel.
 * Ports 12000-12099.
 */
import { appendFileSync, chmodSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { confValue, envValue } from '../../src/specfile/secret-quote.js';
import { cli, tempDir, type CliResult } from '../helpers/cli.js';
import { expectOneLine, fileState } from '../helpers/file-state.js';
import { killRedisUnder, redisProcessesUnder } from '../helpers/processes.js';
import { redisCli } from '../helpers/redis-cli.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) killRedisUnder(d);
});

async function project(kind: 'standalone' | 'sentinel' | 'cluster', args: string[]): Promise<{ path: string; spec: string; [Symbol.dispose](): void }> {
  const dir = tempDir('arc-secret-');
  dirs.push(dir.path);
  const r = await cli(['init', kind, '--dir', dir.path, ...args]);
  expect(r.exitCode, r.stderr).toBe(0);
  return Object.assign(dir, { spec: join(dir.path, 'redis-arc.yaml') });
}

/** Replace the generated password with `bytes`, 0600 as the user would keep it. */
function setPassword(dir: string, bytes: string | Buffer): void {
  const file = join(dir, '.redis-arc.secret');
  writeFileSync(file, bytes);
  chmodSync(file, 0o600);
}

/** Neither the password nor any form redis-arc writes it in appears in anything printed. */
function expectNotPrinted(results: CliResult[], password: string): void {
  for (const r of results) {
    for (const form of new Set([password, confValue(password), envValue(password), JSON.stringify(password).slice(1, -1)])) {
      expect(r.stdout, 'stdout').not.toContain(form);
      expect(r.stderr, 'stderr').not.toContain(form);
    }
  }
}

const HOLDABLE: { name: string; password: string; port: number }[] = [
  { name: 'double and single quotes', password: `quote"and'apostrophe`, port: 12000 },
  { name: 'backslashes and a trailing backslash', password: 'back\\slash\\x41\\', port: 12001 },
  { name: 'spaces inside', password: 'correct horse battery staple', port: 12002 },
  { name: 'non-ASCII', password: 'pässwörd-パスワード-🔑', port: 12003 },
  { name: 'shell and dotenv specials', password: '$HOME#not-a-comment`x`${y}$$', port: 12004 },
  { name: 'every printable kind at once', password: `a"b'c\\d é x$#y={}[]`, port: 12005 },
];

describe('a password Redis can hold boots real nodes and is never printed', () => {
  it.each(HOLDABLE)('standalone with $name', async ({ password, port }) => {
    using dir = await project('standalone', ['--port-base', String(port)]);
    setPassword(dir.path, `${password}\n`);
    const runs: CliResult[] = [];
    const run = async (args: string[]) => {
      const r = await cli([...args, '--spec', dir.spec]);
      runs.push(r);
      return r;
    };
    try {
      for (const args of [['render', '--force'], ['doctor', '--no-live'], ['up'], ['status'], ['doctor']]) {
        const r = await run(args);
        expect(r.exitCode, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      }
      // An independent client logs in with the exact bytes of the password.
      expect(await redisCli(port, ['PING'], password)).toBe('PONG');
      expect(await redisCli(port, ['PING'], `${password}x`)).toMatch(/WRONGPASS|NOAUTH/);
      const smoke = await run(['smoke', '--mode', 'direct', '--jobs', '5']);
      expect(smoke.exitCode, smoke.stderr).toBe(0);
    } finally {
      runs.push(await cli(['down', '--spec', dir.spec]));
    }
    expect(redisProcessesUnder(dir.path)).toEqual([]);
    expectNotPrinted(runs, password);
    expect(readFileSync(join(dir.path, '.redis-arc.secret'), 'utf8')).toBe(`${password}\n`);
  });

  it('a cluster with quotes, spaces and a backslash forms and answers', async () => {
    const password = `cl"us 'ter\\pw`;
    using dir = await project('cluster', ['--port-base', '12010', '--masters', '3', '--replicas-per-master', '0']);
    setPassword(dir.path, `${password}\n`);
    const runs: CliResult[] = [];
    try {
      for (const args of [['render', '--force'], ['up'], ['status']]) {
        const r = await cli([...args, '--spec', dir.spec]);
        runs.push(r);
        expect(r.exitCode, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      }
      expect(await redisCli(12010, ['CLUSTER', 'INFO'], password)).toContain('cluster_state:ok');
    } finally {
      runs.push(await cli(['down', '--spec', dir.spec]));
    }
    expect(redisProcessesUnder(dir.path)).toEqual([]);
    expectNotPrinted(runs, password);
  });

  it('sentinel with a backslash and non-ASCII survives its own config rewrite and a restart', async () => {
    const password = 'sen\\tinel-pässwörd';
    using dir = await project('sentinel', ['--port-base', '12020', '--sentinel-port-base', '12030', '--replicas', '1', '--sentinels', '1', '--quorum', '1']);
    setPassword(dir.path, `${password}\n`);
    const runs: CliResult[] = [];
    try {
      for (const args of [['render', '--force'], ['up']]) {
        const r = await cli([...args, '--spec', dir.spec]);
        runs.push(r);
        expect(r.exitCode, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      }
      // Sentinel writes its whole config back (as on every failover); it must still start from it.
      expect(await redisCli(12030, ['SENTINEL', 'FLUSHCONFIG'], password)).toBe('OK');
      runs.push(await cli(['down', '--spec', dir.spec]));
      const again = await cli(['up', '--spec', dir.spec]);
      runs.push(again);
      expect(again.exitCode, again.stderr).toBe(0);
      expect(await redisCli(12030, ['SENTINEL', 'GET-MASTER-ADDR-BY-NAME', 'mymaster'], password)).toContain('12020');
    } finally {
      runs.push(await cli(['down', '--spec', dir.spec]));
    }
    expect(redisProcessesUnder(dir.path)).toEqual([]);
    expectNotPrinted(runs, password);
  });
});

describe('a password Redis cannot hold is refused by one line naming the file, never the value', () => {
  const CASES: { name: string; kind: 'standalone' | 'sentinel'; bytes: Buffer; line: RegExp }[] = [
    {
      name: 'not UTF-8',
      kind: 'standalone',
      bytes: Buffer.from([0x70, 0x77, 0xff, 0xfe, 0x41, 0x0a]),
      line: /\.redis-arc\.secret: the password file is not valid UTF-8 text/,
    },
    { name: 'Latin-1 bytes', kind: 'standalone', bytes: Buffer.from('caf\xe9-secret\n', 'latin1'), line: /not valid UTF-8/ },
    {
      name: 'two lines',
      kind: 'standalone',
      bytes: Buffer.from('first-line\nsecond-line\n'),
      line: /\.redis-arc\.secret: the password file holds more than one line/,
    },
    { name: 'a NUL byte', kind: 'standalone', bytes: Buffer.from('nul\u0000inside\n'), line: /\.redis-arc\.secret: the password contains a control character/ },
    { name: 'an escape sequence', kind: 'standalone', bytes: Buffer.from('esc\u001b[31mred\n'), line: /the password contains a control character/ },
    { name: 'a tab', kind: 'standalone', bytes: Buffer.from('xqj9\tkvz7\n'), line: /the password contains a control character/ },
    { name: 'only whitespace', kind: 'standalone', bytes: Buffer.from('  \n\n'), line: /the password file is empty/ },
    {
      name: 'a double quote under Sentinel',
      kind: 'sentinel',
      bytes: Buffer.from('sent"inel\n'),
      line: /\.redis-arc\.secret: the password contains a space or a quote, which Redis Sentinel writes back unquoted/,
    },
    { name: 'a single quote under Sentinel', kind: 'sentinel', bytes: Buffer.from("it's-mine\n"), line: /a space or a quote/ },
    { name: 'a space under Sentinel', kind: 'sentinel', bytes: Buffer.from('two words\n'), line: /a space or a quote/ },
  ];
  it.each(CASES)('$kind: $name', async ({ kind, bytes, line }) => {
    using dir = await project(kind, kind === 'sentinel' ? ['--port-base', '12040', '--sentinel-port-base', '12050'] : ['--port-base', '12040']);
    setPassword(dir.path, bytes);
    const before = fileState(dir.path);
    for (const cmd of [['render', '--force'], ['up'], ['status']]) {
      const r = await cli([...cmd, '--spec', dir.spec]);
      expectOneLine(r, 1, line);
      const text = bytes.toString('utf8').trim();
      for (const part of text.split(/\s+/).filter((p) => p.length >= 3)) expect(r.stderr + r.stdout).not.toContain(part);
    }
    expect(fileState(dir.path)).toEqual(before);
    expect(redisProcessesUnder(dir.path)).toEqual([]);
  });

  it('a password file others can read is refused, and its mode is left as the user set it', async () => {
    using dir = await project('standalone', ['--port-base', '12060']);
    chmodSync(join(dir.path, '.redis-arc.secret'), 0o644);
    const before = fileState(dir.path);
    const r = await cli(['up', '--spec', dir.spec]);
    expectOneLine(r, 1, /\.redis-arc\.secret: the password file is readable by others \(mode 0644\); run `chmod 600 /);
    expect(fileState(dir.path)).toEqual(before);
    expect(redisProcessesUnder(dir.path)).toEqual([]);
  });
});

describe('a node that refuses its config: the log tail is printed with the password scrubbed', () => {
  it('up and logs show the bad line, never the password', async () => {
    const password = `tail"pass'word x`;
    using dir = await project('standalone', ['--port-base', '12070']);
    setPassword(dir.path, `${password}\n`);
    const runs: CliResult[] = [];
    try {
      runs.push(await cli(['up', '--spec', dir.spec]));
      expect(runs[0]!.exitCode, runs[0]!.stderr).toBe(0);
      runs.push(await cli(['down', '--spec', dir.spec]));
      // The node's conf is Redis' own after the first start; a hand edit that echoes the password breaks it.
      const nodes = join(dir.path, '.redis-arc/local/nodes');
      const conf = join(nodes, readdirSync(nodes)[0]!, 'redis.conf');
      appendFileSync(conf, `requirepazz ${password}\nmasterauth-typo ${confValue(password)}\n`);
      const up = await cli(['up', '--spec', dir.spec]);
      runs.push(up);
      expect(up.exitCode).toBe(1);
      expect(up.stderr).toMatch(/exited \(1\) right after starting; last lines of/);
      expect(up.stderr).toMatch(/>>> 'requirepazz \*\*\*'/);
      const logs = await cli(['logs', '--spec', dir.spec]);
      runs.push(logs);
      expect(logs.stdout).toMatch(/FATAL CONFIG FILE ERROR/);
      expect(redisProcessesUnder(dir.path)).toEqual([]);
    } finally {
      runs.push(await cli(['down', '--spec', dir.spec]));
    }
    expectNotPrinted(runs, password);
    expect(redisProcessesUnder(dir.path)).toEqual([]);
  });

  it('an attach password is scrubbed from what a failed command prints', async () => {
    const password = 'attach-secret-"quoted"';
    const r = await cli(['status', '--url', `redis://:${encodeURIComponent(password)}@127.0.0.1:12099`]);
    expect(r.exitCode).not.toBe(0);
    expectNotPrinted([r], password);
  });

  it('an attach --password-file that is not UTF-8 or is a folder is refused by one line', async () => {
    using dir = tempDir('arc-secret-');
    const file = join(dir.path, 'pw');
    writeFileSync(file, Buffer.from([0x61, 0xff, 0x62, 0x0a]));
    writeFileSync(join(dir.path, 'empty'), '\n');
    const before = fileState(dir.path);
    const bad = await cli(['status', '--url', 'redis://127.0.0.1:12098', '--password-file', file]);
    expectOneLine(bad, 1, /--password-file .*pw: the password file is not valid UTF-8 text; save it as UTF-8$/);
    // The server is not redis-arc's: the advice is not to delete the file and run render.
    const empty = await cli(['status', '--url', 'redis://127.0.0.1:12098', '--password-file', join(dir.path, 'empty')]);
    expectOneLine(empty, 1, /--password-file .*empty: the password file is empty; write the server's password into it, on one line$/);
    const folder = await cli(['status', '--url', 'redis://127.0.0.1:12098', '--password-file', dir.path]);
    expectOneLine(folder, 2, /--password-file .*: cannot read it: is a folder where a file is expected/);
    expect(fileState(dir.path)).toEqual(before);
  });
});
