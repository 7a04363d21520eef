/**
 * A node is its process (pid + start time) in its project's folder, whatever binary it runs. The
 * system's Redis is copied under Valkey's names and run through wrappers named redis-server /
 * redis-sentinel first on PATH (as issue 29 ran Valkey 8.1): nothing the process shows (comm,
 * command line, executable) says redis-server any more. up, status, a kill failover and
 * `down --purge` must still find every node; `--purge` must never delete the folder of a process
 * still at work in it. Ports 15600-15699.
 */
import { copyFileSync, chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, realpathSync, writeFileSync } from 'node:fs';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, expectNoStackTrace, tempDir, type CliResult } from '../helpers/cli.js';
import { isLive } from '../helpers/processes.js';

const dirs: ReturnType<typeof tempDir>[] = [];
let env: Record<string, string>;

/** Every live process working under `dir` (a node's folder, deleted or not), whatever its name. */
function processesUnder(dir: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readlinkSync(`/proc/${entry}/cwd`).startsWith(dir) && isLive(Number(entry))) pids.push(Number(entry));
    } catch {
      // ended while we looked, or not ours to read
    }
  }
  return pids;
}

function killAll(pids: number[]): void {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGCONT');
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone already
    }
  }
}

beforeAll(async () => {
  // Not under a folder named redis-*: the binaries' path must not say redis either.
  const bin = tempDir('arc-valkey-bin-');
  dirs.push(bin);
  const real = join(bin.path, 'real');
  const wrappers = join(bin.path, 'path');
  mkdirSync(real);
  mkdirSync(wrappers);
  const { stdout } = await execa('sh', ['-c', 'command -v redis-server']);
  const system = realpathSync(stdout.trim());
  // Copies, not symlinks: /proc/<pid>/exe then names the copy, and comm the copy's name.
  for (const name of ['valkey-server', 'valkey-sentinel']) copyFileSync(system, join(real, name));
  // argv[0] is the name Redis puts in its title; sentinel mode is asked for by --sentinel, as
  // Redis only infers it from an argv[0] containing "redis-sentinel".
  const wrapper = (name: string, extra: string) => `#!/bin/bash\nexec -a ${name} ${join(real, name)} "$@"${extra}\n`;
  writeFileSync(join(wrappers, 'redis-server'), wrapper('valkey-server', ''));
  writeFileSync(join(wrappers, 'redis-sentinel'), wrapper('valkey-sentinel', ' --sentinel'));
  for (const name of ['redis-server', 'redis-sentinel']) chmodSync(join(wrappers, name), 0o755);
  env = { PATH: `${wrappers}:${process.env.PATH ?? ''}` };
});

afterAll(async () => {
  for (const d of dirs) {
    if (existsSync(join(d.path, 'redis-arc.yaml'))) await cli(['down', '--purge', '--spec', join(d.path, 'redis-arc.yaml')], { env });
    killAll(processesUnder(d.path));
    d[Symbol.dispose]();
  }
});

async function project(portBase: number): Promise<{ dir: string; spec: string; nodes: string }> {
  const d = tempDir('arc-other-binary-');
  dirs.push(d);
  const r = await cli(['init', 'sentinel', '--dir', d.path, '--port-base', String(portBase), '--sentinel-port-base', String(portBase + 50)], { env });
  expect(r.exitCode, r.stderr).toBe(0);
  const spec = join(d.path, 'redis-arc.yaml');
  const text = readFileSync(spec, 'utf8');
  expect(text).toMatch(/downAfterMs: \d+/);
  writeFileSync(spec, text.replace(/downAfterMs: \d+/, 'downAfterMs: 1000'));
  const up = await cli(['up', '--spec', spec], { env });
  expect(up.exitCode, up.stderr).toBe(0);
  return { dir: d.path, spec, nodes: join(d.path, '.redis-arc', 'local', 'nodes') };
}

function statePids(dir: string): Record<string, number> {
  const state = JSON.parse(readFileSync(join(dir, '.redis-arc', 'local', 'state.json'), 'utf8')) as { nodes: Record<string, { pid: number }> };
  return Object.fromEntries(Object.entries(state.nodes).map(([id, n]) => [id, n.pid]));
}

/** The setup is honest: every node process calls itself Valkey, in comm, command line and executable. */
function expectValkey(pids: number[]): void {
  for (const pid of pids) {
    const comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
    expect(comm).toMatch(/^valkey-(server|sentinel)$/);
    expect(cmdline).toMatch(/^valkey-(server|sentinel) /);
    expect(`${comm} ${cmdline} ${readlinkSync(`/proc/${pid}/exe`)}`).not.toMatch(/redis-(server|sentinel)/);
  }
}

function lastLine(r: CliResult): string {
  expectNoStackTrace(r.stderr + r.stdout);
  return r.stderr.trim().split('\n').at(-1) ?? '';
}

describe('nodes running another binary (Valkey under its own names)', () => {
  it('up, status, a kill failover and down --purge all find every node; no process outlives down', async () => {
    const p = await project(15600);
    const started = Object.values(statePids(p.dir));
    expect(started).toHaveLength(6);
    expectValkey(started);

    const status = await cli(['status', '--spec', p.spec], { env });
    expect(status.exitCode, status.stderr).toBe(0);
    expect(status.stdout + status.stderr).toContain('HEALTHY');
    expect(status.stdout + status.stderr).not.toMatch(/stopped/);

    // The kill fault finds the master's process by its record (it refused "is not running" before).
    const failover = await cli(['failover-test', '--spec', p.spec, '--fault', 'kill', '--trials', '1', '--warmup', '300', '--settle', '300'], { env });
    expect(failover.stdout + failover.stderr).not.toContain('is not running');
    expect(failover.exitCode, failover.stdout + failover.stderr).toBe(0);
    const killed = started.filter((pid) => !isLive(pid));
    expect(killed).toHaveLength(1);

    // The heal restarted the killed node through the same wrapper: six Valkey processes again.
    const running = processesUnder(p.dir);
    expect(running).toHaveLength(6);
    expect(running.sort()).toEqual(Object.values(statePids(p.dir)).sort());
    expectValkey(running);

    const down = await cli(['down', '--purge', '--spec', p.spec], { env });
    expect(down.exitCode, down.stdout + down.stderr).toBe(0);
    expect(lastLine(down)).toBe('✔ arc: stopped 6 node(s); data deleted');
    expect(running.filter(isLive)).toEqual([]);
    expect(processesUnder(p.dir)).toEqual([]);
    expect(existsSync(p.nodes)).toBe(false);
  });

  it('a state file from before start times were recorded: the node is still known by the port it owns', async () => {
    const p = await project(15620);
    const stateFile = join(p.dir, '.redis-arc', 'local', 'state.json');
    const state = JSON.parse(readFileSync(stateFile, 'utf8')) as { nodes: Record<string, Record<string, unknown>> };
    for (const node of Object.values(state.nodes)) {
      delete node.procStart;
      delete node.bootId;
    }
    writeFileSync(stateFile, JSON.stringify(state));
    const pids = Object.values(statePids(p.dir));
    expectValkey(pids);

    const down = await cli(['down', '--purge', '--spec', p.spec], { env });
    expect(down.exitCode, down.stdout + down.stderr).toBe(0);
    expect(lastLine(down)).toBe('✔ arc: stopped 6 node(s); data deleted');
    expect(pids.filter(isLive)).toEqual([]);
    expect(existsSync(p.nodes)).toBe(false);
  });

  it('--purge keeps the data while a process it cannot stop still works in a node folder, and says so', async () => {
    const p = await project(15640);
    // Not a node (it owns no port and was never started by redis-arc): down must not signal it, nor delete its folder.
    const squatter: ChildProcess = spawn('sleep', ['60'], { cwd: join(p.nodes, 'redis-2'), stdio: 'ignore' });
    const exited = new Promise((r) => squatter.once('exit', r));
    try {
      const down = await cli(['down', '--purge', '--spec', p.spec], { env });
      expect(down.exitCode).toBe(1);
      expect(down.stdout + down.stderr).not.toContain('nothing was running');
      expect(down.stdout + down.stderr).not.toContain('data deleted');
      expect(lastLine(down)).toMatch(new RegExp(`still running after down: .*pid ${squatter.pid}`));
      expect(isLive(squatter.pid ?? 0)).toBe(true);
      expect(existsSync(join(p.nodes, 'redis-2', 'redis.conf'))).toBe(true);
      // Every node was stopped all the same.
      expect(processesUnder(p.dir)).toEqual([squatter.pid]);
    } finally {
      squatter.kill('SIGKILL');
    }
    await exited;
    const again = await cli(['down', '--purge', '--spec', p.spec], { env });
    expect(again.exitCode, again.stderr).toBe(0);
    expect(lastLine(again)).toBe('✔ arc: nothing was running; data deleted');
    expect(existsSync(p.nodes)).toBe(false);
  });
});
