/**
 * Ctrl-C during `redis-arc compare`: the topology being measured is stopped and its temporary
 * folder removed, and the command exits 130 with one line. Ports 9400-9449 (standalone on 9440).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync } from 'node:fs';
import { connect as tcp } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.js';
import { killRedisUnder } from '../helpers/processes.js';

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

describe('compare interrupted', () => {
  it('stops and removes the topology it was measuring, and exits 130', async () => {
    const child = spawn(BIN, ['compare', 'standalone', '--port-base', '9400'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    let stdout = '';
    child.stdout.on('data', (b: Buffer) => (stdout += String(b)));
    const measuring = new Promise<void>((resolve) => {
      child.stderr.on('data', (b: Buffer) => {
        stderr += String(b);
        if (stderr.includes('standalone: throughput')) resolve();
      });
    });
    const killer = setTimeout(() => child.kill('SIGKILL'), 50_000);
    await measuring;
    expect(await listening(9440)).toBe(true);
    expect(mine()).toHaveLength(1);
    child.kill('SIGINT');
    const [code] = (await once(child, 'exit')) as [number | null];
    clearTimeout(killer);
    expect(code, stderr).toBe(130);
    expect(stderr).toContain('interrupted: stopping compare and removing the topology it started');
    expect(stderr).toMatch(/✖ interrupted: the topology being measured was stopped and its folder removed\n?$/);
    expect(stdout).toBe('');
    expect(await listening(9440)).toBe(false);
    expect(mine()).toEqual([]);
  });
});
