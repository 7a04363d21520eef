/**
 * The file system and the terminal: a folder where a file is expected (or the reverse), a
 * dangling symlink, a read-only folder, a spec that is huge, repetitive or several documents,
 * absurd numbers, hostile characters in names and values, out-of-range ports. Each case: one
 * line naming the path (or value) safely, what is wrong and the fix; the exit code; no stack
 * trace; files byte-identical with their modes; nothing started. Ports 12400-12499 (none started).
 */
import { execa } from 'execa';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSpec } from '../../src/specfile/load.js';
import { BIN, cli, expectNoStackTrace, tempDir, type CliResult } from '../helpers/cli.js';
import { expectOneLine, fileState } from '../helpers/file-state.js';
import { redisProcessesUnder } from '../helpers/processes.js';

const SPEC = 'kind: standalone\nports:\n  base: 12400\n';

interface Case {
  name: string;
  /** Prepare the folder (an initialised standalone project unless `bare`). */
  setup?: (dir: string) => void;
  bare?: boolean;
  args: (dir: string) => string[];
  exit?: number;
  line: RegExp;
}

/** A named pipe nobody writes to: reading it would wait for ever. */
const fifo = (path: string) => execFileSync('mkfifo', ['-m', '600', path]);
const PIPE = /is a named pipe and nothing wrote to it \(within 10 s\); write to it, or point to a regular file$/;

const FS_CASES: Case[] = [
  {
    name: 'the spec is a folder',
    bare: true,
    setup: (d) => mkdirSync(join(d, 'redis-arc.yaml')),
    args: () => ['render'],
    line: /redis-arc\.yaml: is a folder; pass the spec file itself/,
  },
  {
    name: 'the spec is a dangling symlink',
    bare: true,
    setup: (d) => symlinkSync(join(d, 'gone.yaml'), join(d, 'redis-arc.yaml')),
    args: () => ['up'],
    line: /redis-arc\.yaml \(the spec\): is a symbolic link to .*gone\.yaml, which does not exist; fix or remove the link/,
  },
  {
    name: 'the spec sits under a file',
    bare: true,
    setup: (d) => writeFileSync(join(d, 'plain'), 'x'),
    args: (d) => ['status', '--spec', join(d, 'plain/redis-arc.yaml')],
    line: /plain\/redis-arc\.yaml \(the spec\): .*\/plain is a file where a folder is expected/,
  },
  {
    name: 'the password file is a folder',
    setup: (d) => {
      rmSync(join(d, '.redis-arc.secret'));
      mkdirSync(join(d, '.redis-arc.secret'));
    },
    args: () => ['render'],
    line: /\.redis-arc\.secret \(the password file\): is a folder where a file is expected; remove or rename the folder/,
  },
  {
    name: 'the password file is a dangling symlink',
    setup: (d) => {
      rmSync(join(d, '.redis-arc.secret'));
      symlinkSync('/nonexistent/secret', join(d, '.redis-arc.secret'));
    },
    args: () => ['render'],
    line: /\.redis-arc\.secret \(the password file\): is a symbolic link to \/nonexistent\/secret, which does not exist/,
  },
  {
    name: 'up with the password file a dangling symlink',
    setup: (d) => {
      rmSync(join(d, '.redis-arc.secret'));
      symlinkSync('/nonexistent/secret', join(d, '.redis-arc.secret'));
    },
    args: () => ['up'],
    line: /\.redis-arc\.secret.*symbolic link to \/nonexistent\/secret, which does not exist|\.redis-arc\.secret: no password file/,
  },
  {
    name: 'conf/ is a file',
    setup: (d) => {
      rmSync(join(d, 'conf'), { recursive: true });
      writeFileSync(join(d, 'conf'), 'mine\n');
    },
    args: () => ['render', '--force'],
    line: /conf\/redis-1\.conf: .*\/conf is a file where a folder is expected; remove or rename that file/,
  },
  {
    name: 'docker-compose.yml is a folder',
    setup: (d) => {
      rmSync(join(d, 'docker-compose.yml'));
      mkdirSync(join(d, 'docker-compose.yml'));
    },
    args: () => ['render', '--force'],
    line: /docker-compose\.yml: is a folder where a file is expected/,
  },
  {
    name: 'render --out names a file',
    args: (d) => ['render', '--out', join(d, 'redis-arc.yaml')],
    line: /redis-arc\.yaml is a file where a folder is expected/,
  },
  {
    name: 'the .redis-arc state folder is a file',
    setup: (d) => {
      rmSync(join(d, '.redis-arc'), { recursive: true });
      writeFileSync(join(d, '.redis-arc'), 'x');
    },
    args: () => ['render', '--force'],
    line: /\.redis-arc.*(is a file where a folder is expected|a part of this path is a file)/,
  },
  {
    name: 'the spec is a named pipe nobody writes to',
    bare: true,
    setup: (d) => fifo(join(d, 'redis-arc.yaml')),
    args: () => ['render'],
    line: new RegExp(`redis-arc\\.yaml \\(the spec\\): ${PIPE.source}`),
  },
  {
    name: 'the spec is a device that never ends',
    bare: true,
    args: () => ['doctor', '--spec', '/dev/zero'],
    line: /^redis-arc: \/dev\/zero \(the spec\): is a device, not a regular file; point to a file$/,
  },
  {
    name: 'the password file is a named pipe',
    setup: (d) => {
      rmSync(join(d, '.redis-arc.secret'));
      fifo(join(d, '.redis-arc.secret'));
    },
    args: () => ['render'],
    line: new RegExp(`\\.redis-arc\\.secret \\(the password file\\): ${PIPE.source}`),
  },
  {
    name: '--password-file a named pipe',
    setup: (d) => fifo(join(d, 'pw')),
    args: () => ['status', '--url', 'redis://127.0.0.1:12401', '--password-file', 'pw'],
    exit: 2,
    line: new RegExp(`--password-file pw: cannot read it: ${PIPE.source}`),
  },
  {
    name: '--password-file a device',
    args: () => ['status', '--url', 'redis://127.0.0.1:12401', '--password-file', '/dev/urandom'],
    exit: 2,
    line: /--password-file \/dev\/urandom: cannot read it: is a device, not a regular file; point to a file$/,
  },
  {
    name: '--baseline a named pipe',
    setup: (d) => fifo(join(d, 'base.json')),
    args: () => ['bench', '--baseline', 'base.json'],
    line: new RegExp(`--baseline base\\.json: cannot read it: ${PIPE.source}`),
  },
  {
    name: 'a --templates folder that is a file',
    args: (d) => ['render', '--templates', join(d, 'redis-arc.yaml')],
    line: /--templates .*redis-arc\.yaml: is a file, not a folder/,
  },
];

const YAML_CASES: { name: string; body: () => string; line: RegExp }[] = [
  {
    name: 'an alias bomb',
    body: () =>
      'a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\nkind: standalone\n',
    line: /redis-arc\.yaml: .*resource exhaustion.*write the values out instead of repeating aliases/,
  },
  {
    name: 'several documents',
    body: () => `${SPEC}---\nkind: cluster\n`,
    line: /redis-arc\.yaml:4: holds 2 YAML documents \(separated by ---\); keep one spec per file/,
  },
  {
    name: 'a port of 1e309',
    body: () => 'kind: standalone\nports:\n  base: 1e309\n',
    line: /redis-arc\.yaml:3: ports\.base: expected a whole number, got Infinity \(a number too large to hold\)/,
  },
  { name: 'a port of -0', body: () => 'kind: standalone\nports:\n  base: -0\n', line: /redis-arc\.yaml:3: ports\.base: -0 is less than the minimum 1024/ },
  {
    name: 'a port of 2^60',
    body: () => 'kind: standalone\nports:\n  base: 1152921504606846976\n',
    line: /redis-arc\.yaml:3: ports\.base: \d+ is more than the maximum 65535$/,
  },
  {
    name: 'a replica count of .inf',
    body: () => 'kind: sentinel\nsentinel:\n  replicas: .inf\n',
    line: /sentinel\.replicas: expected a whole number, got Infinity/,
  },
  { name: 'NaN', body: () => 'kind: standalone\nports:\n  base: .nan\n', line: /ports\.base: expected a whole number, got NaN/ },
  {
    name: 'a file over the size cap',
    body: () => `${SPEC}# ${'x'.repeat(1024 * 1024)}\n`,
    line: /redis-arc\.yaml: \d+ bytes is too large for a spec \(at most 1048576\); is this the right file\?/,
  },
  {
    name: 'lists nested 5,000 deep',
    body: () => `${SPEC}x: ${'['.repeat(5000)}${']'.repeat(5000)}\n`,
    line: /redis-arc\.yaml:4:\d+: nests lists or mappings hundreds of levels deep/,
  },
  {
    name: 'a duplicate key far down',
    body: () => `${SPEC}${Array.from({ length: 2000 }, (_, i) => `# ${i}\n`).join('')}kind: cluster\n`,
    line: /redis-arc\.yaml:2004:1: YAML syntax error: Map keys must be unique \('kind' appears twice\)/,
  },
  { name: 'a key with an escape sequence', body: () => `${SPEC}"\\e[2J\\e[31mboom": 1\n`, line: /redis-arc\.yaml:4: \\e\[2J\\e\[31mboom: unknown key/ },
  {
    name: 'a value with a newline and a bell',
    body: () => 'kind: standalone\nname: "line1\\nline2\\a"\n',
    line: /name: 'line1\\nline2\\x07': expected lowercase letters/,
  },
  { name: 'a right-to-left override in a value', body: () => 'kind: standalone\nname: "abc\\u202Eexe.txt"\n', line: /name: 'abc\\u\{202e\}exe\.txt'/ },
];

async function run(c: { bare?: boolean; setup?: (dir: string) => void; args: (dir: string) => string[] }, dir: string): Promise<CliResult> {
  if (!c.bare) expect((await cli(['init', 'standalone', '--port-base', '12400', '--dir', dir])).exitCode).toBe(0);
  c.setup?.(dir);
  const before = fileState(dir);
  const r = await cli(c.args(dir), { cwd: dir });
  expect(fileState(dir)).toEqual(before);
  expect(redisProcessesUnder(dir)).toEqual([]);
  return r;
}

describe('a folder where a file is expected, the reverse, dangling symlinks', () => {
  it.each(FS_CASES)('$name', async (c) => {
    using dir = tempDir('arc-fs-');
    const r = await run(c, dir.path);
    expectOneLine(r, c.exit ?? 1, c.line);
    expect(r.stderr).not.toMatch(/unexpected error|EEXIST|ENOTDIR|EISDIR|ENOENT|EROFS/);
  });

  it.skipIf(process.getuid?.() !== 0)('a read-only folder (a read-only bind mount) names the path and the fix', async () => {
    using dir = tempDir('arc-fs-');
    expect((await cli(['init', 'standalone', '--port-base', '12400', '--dir', dir.path])).exitCode).toBe(0);
    rmSync(join(dir.path, 'conf'), { recursive: true });
    const before = fileState(dir.path);
    // A private mount namespace: the read-only view exists only for this one command.
    const r = await execa('unshare', ['-m', 'sh', '-c', `mount --bind -o ro "$0" "$0" && exec "$1" render --force --spec "$0/redis-arc.yaml"`, dir.path, BIN], {
      reject: false,
      env: { NO_COLOR: '1' },
    });
    const result = { exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
    expectOneLine(result, 1, /is on a read-only file system; choose a writable folder/);
    expect(fileState(dir.path)).toEqual(before);
  });
});

describe('YAML that is hostile, huge or absurd: one line each, quickly', () => {
  it.each(YAML_CASES)('$name', async (c) => {
    using dir = tempDir('arc-yaml-');
    const started = performance.now();
    const r = await run({ bare: true, setup: (d) => writeFileSync(join(d, 'redis-arc.yaml'), c.body()), args: () => ['render'] }, dir.path);
    expectOneLine(r, 1, c.line);
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('40,000 unknown keys: a capped list of lines, in time that grows linearly', async () => {
    const spec = (n: number) => `kind: standalone\npersistence:\n${Array.from({ length: n }, (_, i) => `  k${i}: ${i}\n`).join('')}`;
    const time = (n: number) => {
      const text = spec(n);
      const t = performance.now();
      expect(() => parseSpec(text)).toThrow(/persistence\.k0: unknown key/);
      return performance.now() - t;
    };
    time(2000); // warm up the JIT
    const t10 = Math.min(time(10_000), time(10_000));
    const t40 = Math.min(time(40_000), time(40_000));
    // Quadratic work would take 16 times as long for 4 times the keys; linear about 4.
    expect(t40 / t10, `${t10.toFixed(0)} ms -> ${t40.toFixed(0)} ms`).toBeLessThan(8);
    expect(t40).toBeLessThan(10_000);
    using dir = tempDir('arc-yaml-');
    writeFileSync(join(dir.path, 'redis-arc.yaml'), spec(40_000));
    const r = await cli(['render'], { cwd: dir.path });
    expect(r.exitCode).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines.length).toBe(21);
    expect(lines.at(-1)).toBe('redis-arc: ... and 39980 more problems; fix these first');
  });
});

describe('the terminal: names and values are printed safely', () => {
  const ESC = '\u001b';
  const cases: { name: string; args: string[]; exit: number; line: RegExp }[] = [
    {
      name: 'a --spec path with an escape sequence',
      args: ['status', '--spec', `x${ESC}]0;owned\u0007.yaml`],
      exit: 1,
      line: /x\\e\]0;owned\\x07\.yaml: no such spec/,
    },
    {
      name: 'a kind with an escape sequence (commander)',
      args: ['init', `${ESC}[31mred`],
      exit: 2,
      line: /value '\\e\[31mred' is invalid for argument 'kind'/,
    },
    { name: 'an unknown option with a carriage return', args: ['status', '--no-such\rfake'], exit: 2, line: /unknown option '--no-such\\rfake'/ },
    { name: 'an unknown option of a nested command', args: ['image', 'build-local', `--x${ESC}[31m`], exit: 2, line: /unknown option '--x\\e\[31m'/ },
    {
      name: 'a --cluster address with control characters',
      args: ['status', '--cluster', `127.0.0.1:1${ESC}[2J`],
      exit: 2,
      line: /bad address '127\.0\.0\.1:1\\e\[2J': expected host:port/,
    },
  ];
  it.each(cases)('$name', async ({ args, exit, line }) => {
    using dir = tempDir('arc-tty-');
    const r = await cli(args, { cwd: dir.path });
    const lines = r.stderr.split('\n').filter((l) => /^(redis-arc|error):/.test(l));
    expect(r.exitCode, r.stderr).toBe(exit);
    expect(lines, r.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(line);

    expect(r.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  });
});

describe('addresses: a port out of range says so', () => {
  const cases: { flag: string[]; line: RegExp }[] = [
    { flag: ['--cluster', '127.0.0.1:0'], line: /bad address '127\.0\.0\.1:0': port 0 out of range \(1-65535\)/ },
    { flag: ['--cluster', '127.0.0.1:65536'], line: /port 65536 out of range \(1-65535\)/ },
    { flag: ['--sentinel', '127.0.0.1:26379,[::1]:70000'], line: /bad address '\[::1\]:70000': port 70000 out of range/ },
    { flag: ['--cluster', '127.0.0.1:1152921504606846976'], line: /port 115292150460… out of range \(1-65535\)/ },
    { flag: ['--url', 'redis://127.0.0.1:65536'], line: /bad address '127\.0\.0\.1:65536': port 65536 out of range/ },
    { flag: ['--url', 'redis://:secret-pw@127.0.0.1:0'], line: /bad address '127\.0\.0\.1:0': port 0 out of range/ },
    { flag: ['--cluster', 'localhost'], line: /bad address 'localhost': expected host:port/ },
  ];
  it.each(cases)('$flag', async ({ flag, line }) => {
    const r = await cli(['status', ...flag]);
    expectOneLine(r, 2, line);
    expect(r.stderr).not.toContain('secret-pw');
  });
});

describe('reports on stdout quote flag values and replies safely', () => {
  // A real sentinel, so status and doctor get far enough to print their reports (ports 12490-12491).
  it('a --master-name with an escape sequence is shown escaped by status and doctor', async () => {
    using dir = tempDir('arc-tty-report-');
    writeFileSync(join(dir.path, 'sentinel.conf'), 'port 12491\nbind 127.0.0.1\nsentinel monitor mymaster 127.0.0.1 12490 1\n');
    const nodes = [
      execa('redis-server', ['--port', '12490', '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { cwd: dir.path, reject: false }),
      execa('redis-sentinel', [join(dir.path, 'sentinel.conf')], { cwd: dir.path, reject: false }),
    ];
    try {
      for (let i = 0; (await cli(['status', '--sentinel', '127.0.0.1:12491'])).exitCode === 2 && i < 100; i++) await new Promise((r) => setTimeout(r, 100));
      for (const cmd of ['status', 'doctor']) {
        const r = await cli([cmd, '--sentinel', '127.0.0.1:12491', '--master-name', '\u001b[31mred'], { cwd: dir.path });
        expect(r.exitCode, r.stderr).not.toBe(0);
        expect(r.stdout).toContain("'\\e[31mred'");
        expectNoStackTrace(r.stdout + r.stderr);

        expect(r.stdout + r.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
      }
    } finally {
      for (const n of nodes) n.kill('SIGKILL');
      await Promise.all(nodes);
    }
    expect(redisProcessesUnder(dir.path)).toEqual([]);
  });
});
