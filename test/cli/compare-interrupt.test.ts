/**
 * Ctrl-C during `redis-arc compare`: the topology being measured is stopped and its temporary
 * folder removed, and the command exits 130 with one line; a second Ctrl-C exits at once, and the
 * reaper that watches compare's folders kills the nodes and removes the folder all the same. Ports 9400-9449 (standalone on 9440).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync } from 'node:fs';
import { connect as tcp, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, cli } from '../helpers/cli.js';
import { killRedisUnder, redisProcessesUnder } from '../helpers/processes.js';

const PREFIX = 'redis-arc-compare-standalone-';
const folders = () => new Set(readdirSync(tmpdir()).filter((n) => n.startsWith(PREFIX)));
const before = folders();
const mine = () => [...folders()].filter((n) => !before.has(n));

// Whatever a failed run left behind in a folder of its own.
afterAll(() => {
  for (const name of mine()) killRedisUnder(join(tmpdir(), name));
});

const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = tcp(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });

/** `compare standalone` under way: resolved once it measures throughput; SIGKILLed after 50 s whatever happens. */
async function compareMeasuring() {
  const child = spawn(BIN, ['compare', 'standalone', '--port-base', '9400'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  const out = { stdout: '', stderr: '' };
  child.stdout.on('data', (b: Buffer) => (out.stdout += String(b)));
  const measuring = new Promise<void>((resolve) => {
    child.stderr.on('data', (b: Buffer) => {
      out.stderr += String(b);
      if (out.stderr.includes('standalone: throughput')) resolve();
    });
  });
  const killer = setTimeout(() => child.kill('SIGKILL'), 50_000);
  await measuring;
  return { child, out, killer };
}

describe('compare interrupted', () => {
  it('stops and removes the topology it was measuring, and exits 130', async () => {
    const { child, out, killer } = await compareMeasuring();
    expect(await listening(9440)).toBe(true);
    expect(mine()).toHaveLength(1);
    child.kill('SIGINT');
    const [code] = (await once(child, 'exit')) as [number | null];
    clearTimeout(killer);
    expect(code, out.stderr).toBe(130);
    expect(out.stderr).toContain('interrupted: stopping compare and removing the topology it started');
    expect(out.stderr).toMatch(/✖ interrupted: the topology being measured was stopped and its folder removed\n?$/);
    expect(out.stdout).toBe('');
    expect(await listening(9440)).toBe(false);
    expect(mine()).toEqual([]);
  });

  it('a second Ctrl-C exits at once with one line, and the reaper still kills its nodes and removes its folder', async () => {
    // Seen: 6 nodes and the temp folder left, no line saying where; the next compare then tripped on the ports.
    const { child, out, killer } = await compareMeasuring();
    expect(mine()).toHaveLength(1);
    // The node paused: compare's own clean-up then cannot end before the second Ctrl-C (on an idle
    // machine it took under 50 ms, and the second one came too late to be one). The reaper resumes it to kill it.
    const [folder] = mine();
    const nodes = redisProcessesUnder(join(tmpdir(), folder!));
    expect(nodes).toHaveLength(1);
    for (const pid of nodes) process.kill(pid, 'SIGSTOP');
    const exited = once(child, 'exit') as Promise<[number | null]>;
    const cleaning = new Promise<void>((resolve) => child.stderr.on('data', () => out.stderr.includes('interrupted: stopping compare') && resolve()));
    child.kill('SIGINT');
    await cleaning;
    const t0 = Date.now();
    child.kill('SIGINT');
    const [code] = await exited;
    clearTimeout(killer);
    expect(code, out.stderr).toBe(130);
    expect(Date.now() - t0).toBeLessThan(2000);
    const lines = out.stderr.split('\n').filter((l) => l.startsWith('redis-arc:'));
    expect(lines, out.stderr).toEqual(['redis-arc: exiting at once: the nodes compare started are killed and their temporary folder removed as it exits']);
    expect(out.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
    // The reaper works after the exit: give it a moment.
    for (let i = 0; i < 50 && ((await listening(9440)) || mine().length); i++) await new Promise((r) => setTimeout(r, 100));
    expect(await listening(9440)).toBe(false);
    expect(mine()).toEqual([]);
  });

  it("a port of its block in use (a node a killed run left): compare's own advice, not a redis-arc.yaml it does not have", async () => {
    const holder = createServer();
    await new Promise<void>((r) => holder.listen(9440, '127.0.0.1', r));
    try {
      const r = await cli(['compare', 'standalone', '--port-base', '9400']);
      expect(r.exitCode, r.stderr).toBe(1);
      const lines = r.stderr.split('\n').filter((l) => l.startsWith('redis-arc:'));
      expect(lines, r.stderr).toHaveLength(1);
      expect(lines[0]).toMatch(
        /^redis-arc: compare: port 9440 \(the standalone topology's, from --port-base\) is already in use; stop what uses it .* or give --port-base another block$/,
      );
      expect(r.stderr).not.toContain('redis-arc.yaml');
      expect(mine()).toEqual([]);
    } finally {
      holder.close();
    }
  });
});
