/**
 * A pid on record is only signalled while it is still the node's process. With its start time and
 * boot on record, that is what it is, whatever it is called. Without (an older state file, a pid
 * file): the port must end an address in a Redis command line, so a pid reused by a Redis on a
 * longer port that merely starts with the same digits (6380 vs 63801) is 'reused', never
 * 'running'; or the process must hold the node's port open from the node's folder.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { liveness } from '../../src/runtime/local/process.js';
import { bootId, procStart } from '../../src/system/proc.js';

/** A server under a name that is no Redis' (its port printed once it listens), working in `cwd`. */
async function listener(cwd: string): Promise<{ child: ChildProcess; port: number }> {
  const script = "const s = require('net').createServer().listen(0, '127.0.0.1', () => console.log(s.address().port))";
  const child = spawn('bash', ['-c', `exec -a valkey-server ${process.execPath} -e "${script}"`], { cwd, stdio: ['ignore', 'pipe', 'ignore'] });
  const port = await new Promise<number>((resolve) => child.stdout?.once('data', (b: Buffer) => resolve(Number(b.toString().trim()))));
  return { child, port };
}

describe('liveness of a pid on record', () => {
  it('matches the whole port in a retitled Redis command line, not a prefix of a longer one', async () => {
    // Nothing listens: only the command line Redis would show is imitated (bash's exec -a).
    const title = 'redis-server 127.0.0.1:63801';
    const child = spawn('bash', ['-c', `exec -a '${title}' sleep 30`], { stdio: 'ignore' });
    try {
      const pid = child.pid!;
      for (let i = 0; i < 200 && !readFileSync(`/proc/${pid}/cmdline`, 'utf8').startsWith(title); i++) await new Promise((r) => setTimeout(r, 10));
      expect(await liveness({ pid, port: 63801 })).toBe('running');
      expect(await liveness({ pid, port: 6380 })).toBe('reused');
      expect(await liveness({ pid, port: 638 })).toBe('reused');
    } finally {
      child.kill('SIGKILL');
    }
  });
});

describe('a node is its process, whatever binary it runs', () => {
  it('with its start time and boot on record: running under any name; another start time or boot is a reused pid', async () => {
    const child = spawn('bash', ['-c', 'exec -a valkey-server sleep 30'], { stdio: 'ignore' });
    try {
      const pid = child.pid!;
      const start = await procStart(pid);
      const boot = await bootId();
      expect(start).toBeDefined();
      expect(boot).toMatch(/^[0-9a-f-]{36}$/);
      expect(await liveness({ pid, port: 6380, procStart: start, bootId: boot })).toBe('running');
      expect(await liveness({ pid, port: 6380, procStart: String(Number(start) - 1), bootId: boot })).toBe('reused');
      expect(await liveness({ pid, port: 6380, procStart: start, bootId: '00000000-0000-0000-0000-000000000000' })).toBe('reused');
      // An older record (start time, no boot): the process must show it is the node, which a sleep cannot.
      expect(await liveness({ pid, port: 6380, procStart: start })).toBe('reused');
      child.kill('SIGSTOP');
      await new Promise((r) => setTimeout(r, 50));
      expect(await liveness({ pid, port: 6380, procStart: start, bootId: boot })).toBe('paused');
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('without a start time: holding the node port open from the node folder is the node; elsewhere or another port is not', async () => {
    const dir = realpathSync(mkdtempSync(join(tmpdir(), 'arc-liveness-')));
    const { child, port } = await listener(dir);
    try {
      const pid = child.pid!;
      expect(readFileSync(`/proc/${pid}/cmdline`, 'utf8')).not.toMatch(/redis-(server|sentinel)/);
      expect(await liveness({ pid, port, dir })).toBe('running');
      expect(await liveness({ pid, dir })).toBe('running');
      expect(await liveness({ pid, port: port + 1, dir })).toBe('reused');
      expect(await liveness({ pid, port, dir: join(dir, 'elsewhere') })).toBe('reused');
    } finally {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
