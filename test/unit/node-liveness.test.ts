/**
 * A pid on record is only signalled while it is still the node's Redis: the port must end an
 * address in its command line, so a pid reused by a Redis on a longer port that merely starts
 * with the same digits (6380 vs 63801) is 'reused', never 'running'.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { liveness } from '../../src/runtime/local/process.js';

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
