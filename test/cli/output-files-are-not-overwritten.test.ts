/**
 * Nothing the user owns is changed without --force: the files output flags name (bench --json,
 * failover-test --junit, --report, compare --report) follow init/render's rule, and paths in the spec outside the project
 * folder (password files, tls.dir) are refused unless the spec opts in. Each case: one line, the
 * exit code, no stack trace, every file byte-identical with its mode, nothing left running.
 * Ports 12300-12399.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, tempDir } from '../helpers/cli.js';
import { expectOneLine, fileState } from '../helpers/file-state.js';
import { killRedisUnder, redisProcessesUnder } from '../helpers/processes.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) killRedisUnder(d);
});

/** A standalone project (not started) in a fresh folder, with a file of the user's beside it. */
async function project(port: number): Promise<{ path: string; [Symbol.dispose](): void }> {
  const dir = tempDir('arc-out-');
  dirs.push(dir.path);
  const r = await cli(['init', 'standalone', '--port-base', String(port), '--dir', dir.path]);
  expect(r.exitCode, r.stderr).toBe(0);
  writeFileSync(join(dir.path, 'mine.json'), '{"mine": true}\n', { mode: 0o640 });
  chmodSync(join(dir.path, 'mine.json'), 0o640);
  return dir;
}

describe('output files are refused when they exist, before any work', () => {
  const cases: { name: string; args: (d: string) => string[]; line: RegExp }[] = [
    {
      name: 'bench --json over a file of the user',
      args: (d) => ['bench', '--json', join(d, 'mine.json')],
      line: /^redis-arc: refusing to overwrite .*mine\.json; pass --force to replace$/,
    },
    {
      name: 'bench --json over the spec itself',
      args: (d) => ['bench', '--json', join(d, 'redis-arc.yaml')],
      line: /^redis-arc: refusing to overwrite .*redis-arc\.yaml; pass --force to replace$/,
    },
    {
      name: 'bench --json over the password file',
      args: (d) => ['bench', '--json', join(d, '.redis-arc.secret')],
      line: /refusing to overwrite .*\.redis-arc\.secret; pass --force/,
    },
    { name: 'bench --json naming a folder', args: (d) => ['bench', '--json', join(d, 'conf')], line: /--json .*conf: is a folder; pass a file path/ },
    {
      name: 'bench --json in a folder that does not exist',
      args: (d) => ['bench', '--json', join(d, 'no/such/out.json')],
      line: /no\/such \(the folder for --json\): does not exist .*create it or fix the path/,
    },
    {
      name: 'bench --json under a file',
      args: (d) => ['bench', '--json', join(d, 'mine.json/out.json')],
      line: /mine\.json is a file, not a folder|mine\.json.*is a file where a folder is expected|a part of this path is a file/,
    },
    { name: 'bench --json --force on a folder', args: (d) => ['bench', '--force', '--json', join(d, 'conf')], line: /is a folder; pass a file path/ },
    {
      name: 'failover-test --junit over a file of the user',
      args: (d) => ['failover-test', '--junit', join(d, 'mine.json')],
      line: /^redis-arc: refusing to overwrite .*mine\.json; pass --force to replace$/,
    },
    {
      name: 'failover-test --report over a file of the user',
      args: (d) => ['failover-test', '--report', join(d, 'mine.json')],
      line: /^redis-arc: refusing to overwrite .*mine\.json; pass --force to replace$/,
    },
    {
      name: 'bench --report over a file of the user',
      args: (d) => ['bench', '--report', join(d, 'mine.json')],
      line: /^redis-arc: refusing to overwrite .*mine\.json; pass --force to replace$/,
    },
    {
      name: 'failover-test --junit over the compose file',
      args: (d) => ['failover-test', '--junit', join(d, 'docker-compose.yml')],
      line: /refusing to overwrite .*docker-compose\.yml/,
    },
  ];
  it.each(cases)('$name', async ({ args, line }) => {
    using dir = await project(12300);
    const before = fileState(dir.path);
    // Nothing runs on 12300: a check made after the run would fail on the connection instead.
    const r = await cli([...args(dir.path), '--spec', join(dir.path, 'redis-arc.yaml')], { cwd: dir.path });
    expectOneLine(r, 1, line);
    expect(fileState(dir.path)).toEqual(before);
    expect(redisProcessesUnder(dir.path)).toEqual([]);
  });
});

describe('compare --report is refused before any topology boots', () => {
  it.each([
    ['over a file of the user', (d: string) => join(d, 'mine.json'), /^redis-arc: refusing to overwrite .*mine\.json; pass --force to replace$/],
    ['naming a folder', (d: string) => join(d, 'conf'), /--report .*conf: is a folder; pass a file path/],
  ])('%s', async (_name, file, line) => {
    using dir = await project(12300);
    // compare boots each topology in a folder under TMPDIR: here, inside the test's own folder, so a boot would show.
    const tmp = join(dir.path, 'tmp');
    mkdirSync(tmp);
    const before = fileState(dir.path);
    const r = await cli(['compare', 'sentinel', 'standalone', '--port-base', '4100', '--trials', '1', '--report', file(dir.path)], {
      cwd: dir.path,
      env: { TMPDIR: tmp },
    });
    expectOneLine(r, 1, line);
    expect(fileState(dir.path)).toEqual(before);
    expect(redisProcessesUnder(dir.path)).toEqual([]);
  });
});

describe('with --force the file is replaced, keeping the mode its owner gave it', () => {
  it('bench --json --force against a real standalone', async () => {
    using dir = await project(12310);
    const spec = join(dir.path, 'redis-arc.yaml');
    const up = await cli(['up', '--spec', spec]);
    expect(up.exitCode, up.stderr).toBe(0);
    try {
      const out = join(dir.path, 'mine.json');
      const r = await cli(['bench', '--spec', spec, '--scenario', 'add', '--mode', 'direct', '--jobs', '20', '--runs', '1', '--json', out, '--force']);
      expect(r.exitCode, r.stderr).toBe(0);
      expect(JSON.parse(readFileSync(out, 'utf8')).schemaVersion).toBe(1);
      expect(statSync(out).mode & 0o777).toBe(0o640);
      const fresh = join(dir.path, 'fresh.json');
      const page = join(dir.path, 'bench.html');
      const again = await cli([
        'bench',
        '--spec',
        spec,
        '--scenario',
        'add',
        '--mode',
        'direct',
        '--jobs',
        '20',
        '--runs',
        '1',
        '--json',
        fresh,
        '--report',
        page,
      ]);
      expect(again.exitCode, again.stderr).toBe(0);
      expect(statSync(fresh).mode & 0o777).toBe(0o644);
      // --report: the same result as a page, its path named on stderr.
      expect(again.stderr).toContain(`report: ${page}`);
      expect(readFileSync(page, 'utf8')).toContain(
        `data-json="results.0.median.jobsPerSec">${JSON.parse(readFileSync(fresh, 'utf8')).results[0].median.jobsPerSec}<`,
      );
    } finally {
      expect((await cli(['down', '--spec', spec])).exitCode).toBe(0);
    }
    expect(redisProcessesUnder(dir.path)).toEqual([]);
  });
});

/** `root/project` and `root/shared` (0755, the user's). */
function projectBesideSharedFolder(root: string): { projectDir: string; outside: string } {
  const projectDir = join(root, 'project');
  const outside = join(root, 'shared');
  mkdirSync(projectDir);
  mkdirSync(outside, { mode: 0o755 });
  chmodSync(outside, 0o755);
  return { projectDir, outside };
}

describe('paths in the spec outside the project folder', () => {
  const specWith = (auth: string, tls = '') => `kind: standalone\nports:\n  base: 12320\nauth:\n${auth}${tls}`;
  const cases: { name: string; body: (outside: string) => string; line: RegExp; created: string }[] = [
    {
      name: 'absolute passwordFile',
      body: (o) => specWith(`  passwordFile: ${o}/admin.secret\n`),
      line: /redis-arc\.yaml:5: auth\.passwordFile: '.*admin\.secret' is outside the project folder .*allowPathsOutsideProject: true/,
      created: 'admin.secret',
    },
    {
      name: '../ acl passwordFile',
      body: () => specWith('  acl:\n    enabled: true\n    passwordFile: ../outside/acl.secret\n'),
      line: /redis-arc\.yaml:7: auth\.acl\.passwordFile: '\.\.\/outside\/acl\.secret' is outside the project folder/,
      created: 'acl.secret',
    },
    {
      name: 'tls.dir outside',
      body: (o) => specWith('  enabled: true\n', `tls:\n  enabled: true\n  dir: ${o}/tls\n`),
      line: /redis-arc\.yaml:8: tls\.dir: '.*tls' is outside the project folder/,
      created: 'tls',
    },
    {
      name: 'a relative path that climbs out',
      body: () => specWith('  passwordFile: sub/../../outside/x.secret\n'),
      line: /auth\.passwordFile: 'sub\/\.\.\/\.\.\/outside\/x\.secret' is outside/,
      created: 'x.secret',
    },
  ];
  it.each(cases)('$name is refused by render, up and doctor; nothing is created or chmod-ed', async ({ body, line, created }) => {
    using root = tempDir('arc-outside-');
    dirs.push(root.path);
    const projectDir = join(root.path, 'project');
    const outside = join(root.path, 'outside');
    mkdirSync(projectDir);
    mkdirSync(outside, { mode: 0o755 });
    chmodSync(outside, 0o755);
    writeFileSync(join(outside, 'notes.txt'), "the user's own file\n", { mode: 0o664 });
    chmodSync(join(outside, 'notes.txt'), 0o664);
    writeFileSync(join(projectDir, 'redis-arc.yaml'), body(outside));
    const before = fileState(root.path);
    for (const cmd of [['render'], ['up'], ['doctor', '--no-live']]) {
      const r = await cli([...cmd, '--spec', join(projectDir, 'redis-arc.yaml')]);
      expectOneLine(r, 1, line);
    }
    expect(existsSync(join(outside, created))).toBe(false);
    expect(fileState(root.path)).toEqual(before);
    expect(redisProcessesUnder(root.path)).toEqual([]);
  });

  it('a tls.dir inside by name but a symbolic link to a folder outside is refused too', async () => {
    using root = tempDir('arc-outside-');
    const { projectDir, outside } = projectBesideSharedFolder(root.path);
    symlinkSync(outside, join(projectDir, 'certs'));
    writeFileSync(join(projectDir, 'redis-arc.yaml'), 'kind: standalone\nports:\n  base: 12340\ntls:\n  enabled: true\n  dir: certs\n');
    const before = fileState(root.path);
    const r = await cli(['render', '--spec', join(projectDir, 'redis-arc.yaml')]);
    expectOneLine(r, 1, /redis-arc\.yaml:6: tls\.dir: 'certs' is outside the project folder/);
    expect(fileState(root.path)).toEqual(before);
  });

  it('allowPathsOutsideProject: true is the explicit opt-in, and an existing folder keeps its mode', async () => {
    using root = tempDir('arc-outside-');
    const { projectDir, outside } = projectBesideSharedFolder(root.path);
    writeFileSync(
      join(projectDir, 'redis-arc.yaml'),
      `kind: standalone\nports:\n  base: 12330\nauth:\n  passwordFile: ${outside}/admin.secret\ntls:\n  enabled: true\n  dir: ${outside}\nallowPathsOutsideProject: true\n`,
    );
    const r = await cli(['render', '--spec', join(projectDir, 'redis-arc.yaml')]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(statSync(join(outside, 'admin.secret')).mode & 0o777).toBe(0o600);
    expect(statSync(join(outside, 'ca.key')).mode & 0o777).toBe(0o600);
    // The folder is the user's: redis-arc did not create it, so its mode stays.
    expect(statSync(outside).mode & 0o777).toBe(0o755);
  });
});
