/** What `up` and `down` do when things go wrong. Ports 21200-21699 (cluster bus below 32768, the ephemeral range). */
import { mkdirSync, symlinkSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, cli, expectNoStackTrace, tempDir } from '../helpers/cli.js';
import { killRedisUnder, redisProcessesUnder } from '../helpers/processes.js';

const dirs: ReturnType<typeof tempDir>[] = [];
function project(): { dir: string; spec: string } {
  const d = tempDir();
  dirs.push(d);
  return { dir: d.path, spec: join(d.path, 'redis-arc.yaml') };
}

afterEach(async () => {
  for (const d of dirs.splice(0)) {
    await cli(['down', '--purge', '--spec', join(d.path, 'redis-arc.yaml')]);
    killRedisUnder(d.path);
    d[Symbol.dispose]();
  }
});

function listen(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(port, '127.0.0.1', () => resolve(s));
  });
}

describe('up refuses before starting anything', () => {
  it('names the port in use and its node', async () => {
    const { dir, spec } = project();
    await cli(['init', 'sentinel', '--dir', dir, '--port-base', '21200', '--sentinel-port-base', '21250']);
    const blocker = await listen(21201);
    try {
      const r = await cli(['up', '--spec', spec]);
      expect(r.exitCode).toBe(1);
      expect(r.stderr).toContain('port 21201 (redis-2) is already in use');
      expectNoStackTrace(r.stderr);
      expect(redisProcessesUnder(dir)).toEqual([]);
    } finally {
      blocker.close();
    }
  });

  it('names the missing binary and the package to install', async () => {
    const { dir, spec } = project();
    await cli(['init', 'standalone', '--dir', dir, '--port-base', '21300']);
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    symlinkSync(process.execPath, join(bin, 'node'));
    const r = await cli(['up', '--spec', spec], { env: { PATH: bin } });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^redis-arc: redis-server not found on PATH; install it: sudo apt-get install -y redis-server/m);
  });
});

describe('a node that fails to start', () => {
  it('shows the tail of its log and stops what was started', async () => {
    const { dir, spec } = project();
    await cli(['init', 'sentinel', '--dir', dir, '--port-base', '21400', '--sentinel-port-base', '21450']);
    const tpl = join(dir, 'tpl', 'sentinel');
    mkdirSync(tpl, { recursive: true });
    // A directive redis-server 7 rejects: the node exits at once and logs why.
    writeFileSync(
      join(tpl, 'sentinel.conf'),
      `${readFileSync(join(import.meta.dirname, '../../templates/sentinel/sentinel.conf'), 'utf8')}\nno-such-directive yes\n`,
    );
    await cli(['down', '--purge', '--spec', spec]);
    // Render the broken sentinel conf into the node folder the runtime will use.
    const { openProject } = await import('../../src/project/open.js');
    const { LocalRuntime } = await import('../../src/runtime/local/local-runtime.js');
    const { adminPassword } = await import('../../src/security/project.js');
    const p = await openProject(spec);
    const runtime = new LocalRuntime(p.topology, { specDir: dir, password: await adminPassword(p), templatesDir: join(dir, 'tpl') });
    const err = await runtime.start().catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/sentinel-\d exited .* right after starting; last lines of/);
    expect((err as Error).message).toContain('no-such-directive');
    expect(redisProcessesUnder(dir)).toEqual([]);
  });
});

describe('down after a crash', () => {
  it('cleans up after the CLI is killed with SIGKILL in the middle of up', async () => {
    const { dir, spec } = project();
    await cli(['init', 'cluster', '--dir', dir, '--port-base', '21500', '--node-timeout', '1000']);
    const up = execa(BIN, ['up', '--spec', spec], { reject: false });
    // Kill it once the first nodes are on record, before the cluster is formed.
    const state = join(dir, '.redis-arc/local/state.json');
    for (let i = 0; i < 400 && !existsSync(state); i++) await sleep(10);
    expect(existsSync(state), 'no node was on record before the kill').toBe(true);
    up.kill('SIGKILL');
    expect((await up).signal).toBe('SIGKILL');
    await sleep(300);
    expect(redisProcessesUnder(dir).length, 'the killed up left no process to clean up').toBeGreaterThan(0);
    const r = await cli(['down', '--spec', spec]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(redisProcessesUnder(dir)).toEqual([]);
  });

  it('finds the processes by pid file and working folder when the state file is corrupt', async () => {
    const { dir, spec } = project();
    await cli(['init', 'standalone', '--dir', dir, '--port-base', '21600']);
    expect((await cli(['up', '--spec', spec])).exitCode).toBe(0);
    writeFileSync(join(dir, '.redis-arc/local/state.json'), '{ not json');
    expect(redisProcessesUnder(dir)).toHaveLength(1);
    const r = await cli(['down', '--spec', spec]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toContain('stopped 1 node(s)');
    expect(redisProcessesUnder(dir)).toEqual([]);
  });
});
