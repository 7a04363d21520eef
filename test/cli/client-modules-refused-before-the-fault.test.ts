/**
 * On a real sentinel topology (ports 22000-22099): a client module whose connections cannot work
 * is refused before the fault, so the master is never killed for nothing; a module that ends the
 * process mid-run does not pass; and the header names the libraries an --app-dir ran.
 * Before: a module whose connections never reached Redis had the master killed anyway and the run
 * ended 33 s later in writes-stuck (bench waited for ever); an ioredis Cluster on sentinel stuck the same way.
 */
import { mkdirSync, existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/errors/index.js';
import { cli, expectNoStackTrace, tempDir } from '../helpers/cli.js';
import { cliProject } from '../helpers/cli-project.js';
import { isLive, statePids } from '../helpers/processes.js';
import { redisCli } from '../helpers/redis-cli.js';

const p = cliProject('sentinel', ['--port-base', '22000', '--sentinel-port-base', '22050']);
const fixtures = resolve(import.meta.dirname, '../fixtures/clients');
const DATA_PORTS = [22000, 22001, 22002];

beforeAll(async () => {
  const up = await cli(['up', '--spec', p.spec]);
  expect(up.exitCode, up.stderr).toBe(0);
  // Options that reach nothing: a port in this file's range where nothing listens.
  writeFileSync(
    join(p.dir, 'never-reaches.mjs'),
    `export default (role, a) => ({ host: '127.0.0.1', port: 22199, password: a.password, maxRetriesPerRequest: role === 'worker' ? null : 1 });`,
  );
  // A workload whose job ends the process with 0 mid-run.
  writeFileSync(join(p.dir, 'exits-mid-run.mjs'), `export default { add: ({ queue, i }) => queue.add('x', { i }), process: () => process.exit(0) };`);
}, 120_000);

/** Who is master, its pid, and every data node's key count: what a refused run must leave as it was. */
async function state() {
  const status = JSON.parse((await cli(['status', '--spec', p.spec, '--json'])).stdout) as { nodes: { name: string; role: string }[] };
  const master = status.nodes.find((n) => n.role === 'master')!.name;
  const pid = statePids(p.dir)[master]!;
  const keys = await Promise.all(DATA_PORTS.map((port) => redisCli(port, ['DBSIZE'], p.password)));
  return { master, pid, keys };
}

/** The one `redis-arc:` line (progress lines before it are the run's own), the code, no stack trace. */
function expectRefused(r: { exitCode: number; stdout: string; stderr: string }, code: number, line: RegExp): void {
  expect(r.exitCode, r.stderr).toBe(code);
  const said = r.stderr.split('\n').filter((l) => l.startsWith('redis-arc:'));
  expect(said, r.stderr).toHaveLength(1);
  expect(said[0]).toMatch(line);
  expectNoStackTrace(r.stderr + r.stdout);
}

describe('connections that never reach Redis', () => {
  it('failover-test refuses before the fault: one line, exit 4, the master alive and still master, no JUnit, no keys', async () => {
    const before = await state();
    const junit = join(p.dir, 'never.xml');
    const t0 = Date.now();
    const r = await cli(['failover-test', '--spec', p.spec, '--client', './never-reaches.mjs', '--warmup', '300', '--max-lost', '0', '--junit', junit], {
      cwd: p.dir,
    });
    const ms = Date.now() - t0;
    expectRefused(
      r,
      EXIT.cannotRun,
      /^redis-arc: no add was acknowledged in the warm-up \(300 ms, then 10 s more\) through the client profile \.\/never-reaches\.mjs \(.*\); its connections never reached Redis: check .* The fault was not injected$/,
    );
    expect(ms).toBeLessThan(30_000);
    expect(existsSync(junit)).toBe(false);
    const after = await state();
    expect(after).toEqual(before);
    expect(isLive(after.pid)).toBe(true);
  });
});

describe('bench through connections that never reach Redis', () => {
  it.each([
    ['add', /^redis-arc: bench: the producer connection was not ready through \.\/never-reaches\.mjs for 10 s: its connections never reached Redis; check /],
    ['process', /^redis-arc: bench: the worker completed no job through \.\/never-reaches\.mjs for 10 s: its connections never reached Redis; check /],
  ])('--scenario %s: one line, exit 4, within the stall bound, no keys left', async (scenario, line) => {
    const before = await state();
    const t0 = Date.now();
    const r = await cli(['bench', '--spec', p.spec, '--client', './never-reaches.mjs', '--scenario', scenario, '--jobs', '50', '--runs', '1'], { cwd: p.dir });
    expectRefused(r, EXIT.cannotRun, line);
    expect(Date.now() - t0).toBeLessThan(40_000);
    expect(await state()).toEqual(before);
  });
});

describe('a connection of another kind than the topology', () => {
  it.each([['failover-test'], ['bench']])('%s refuses an ioredis Cluster on sentinel up front: one line, exit 4, nothing touched', async (command) => {
    const before = await state();
    const t0 = Date.now();
    const r = await cli([command, '--spec', p.spec, '--client', join(fixtures, 'cluster-anywhere.mjs')], { cwd: p.dir });
    expectRefused(
      r,
      EXIT.cannotRun,
      /^redis-arc: --client .*cluster-anywhere\.mjs: its producer connection is an ioredis Cluster on a sentinel topology: .*; return \{ sentinels: addresses\.sentinels, name: addresses\.name, \.\.\. \} when addresses\.kind is sentinel$/,
    );
    expect(Date.now() - t0).toBeLessThan(15_000);
    expect(await state()).toEqual(before);
  });

  it('doctor --client names it for the project', async () => {
    const r = await cli(['doctor', '--spec', p.spec, '--client', join(fixtures, 'cluster-anywhere.mjs'), '--json'], { cwd: p.dir });
    expect(r.exitCode).toBe(EXIT.failed);
    const findings = (JSON.parse(r.stdout) as { findings: { rule: string; severity: string; observed: string }[] }).findings.filter(
      (f) => f.rule === 'client-kind',
    );
    expect(findings.map((f) => `${f.severity} ${f.observed}`)).toEqual([
      'error an ioredis Cluster on a sentinel topology',
      'error an ioredis Cluster on a sentinel topology',
    ]);
  });
});

describe('a module that ends the process mid-run', () => {
  it('is not a pass: exit 1 with one line, and no fault was injected', async () => {
    const before = await state();
    const r = await cli(['failover-test', '--spec', p.spec, '--workload', './exits-mid-run.mjs', '--warmup', '3000'], { cwd: p.dir });
    expect(r.exitCode, r.stderr).toBe(EXIT.failed);
    expect(r.stderr).toMatch(
      /^redis-arc: failover-test ended before it finished \(code it runs called process\.exit, or left nothing to wait for\); no result was measured or written$/m,
    );
    expectNoStackTrace(r.stderr);
    const after = await state();
    expect({ master: after.master, pid: after.pid }).toEqual({ master: before.master, pid: before.pid });
  });
});

describe('--app-dir', () => {
  it("the header names the BullMQ and ioredis the application's folder ran, per profile", async () => {
    using app = tempDir();
    writeFileSync(join(app.path, 'package.json'), '{ "name": "app" }');
    // Shims with versions of their own around redis-arc's copies: what runs is known, what is named is the app's.
    for (const name of ['bullmq', 'ioredis']) {
      mkdirSync(join(app.path, 'node_modules', name), { recursive: true });
      writeFileSync(join(app.path, 'node_modules', name, 'package.json'), JSON.stringify({ name, version: '0.0.1-app', main: 'index.js' }));
      writeFileSync(
        join(app.path, 'node_modules', name, 'index.js'),
        `module.exports = require(${JSON.stringify(resolve(import.meta.dirname, '../../node_modules', name))});`,
      );
    }
    const r = await cli(
      [
        'failover-test',
        '--spec',
        p.spec,
        '--client',
        'defaults,redis-arc',
        '--app-dir',
        app.path,
        '--fault',
        'pause',
        '--pause-ms',
        '300',
        '--warmup',
        '300',
        '--settle',
        '300',
      ],
      { cwd: p.dir },
    );
    expect(r.exitCode, r.stderr + r.stdout).toBe(EXIT.ok);
    const header = r.stdout.split('\n')[1]!;
    expect(header).toMatch(/, BullMQ 0\.0\.1-app, ioredis 0\.0\.1-app \(defaults\); BullMQ \d+\.\d+\.\d+, ioredis \d+\.\d+\.\d+ \(redis-arc\), \d+ cores$/);
  });
});
