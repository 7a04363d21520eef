/**
 * `down` run by a user who may not signal the project's nodes (they were started by another
 * user) says so in one line, exit 1, and leaves them running; their owner's `down` then works.
 * Real users through setpriv: the project is started as nobody (65534), `down` tried as uid
 * 65533. Root needed (CI runs as root); ports 22660 of this file's own.
 */
import { chmodSync } from 'node:fs';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { BIN, expectNoStackTrace, tempDir } from '../helpers/cli.js';
import { killRedisUnder, redisProcessesUnder } from '../helpers/processes.js';

const root = process.getuid?.() === 0;
const CI = process.env.CI === 'true';

function as(uid: number, args: string[], dir: string) {
  return execa('setpriv', [`--reuid=${uid}`, `--regid=${uid}`, '--clear-groups', BIN, ...args], {
    cwd: dir,
    reject: false,
    env: { NO_COLOR: '1', HOME: dir },
    timeout: 60_000,
  });
}

describe.skipIf(!root && !CI)('down and another user’s processes', () => {
  it('down as a user who may not signal the nodes: one line, exit 1, nodes left running; their owner stops them', async () => {
    using dir = tempDir();
    chmodSync(dir.path, 0o777);
    try {
      expect((await as(65534, ['init', 'standalone', '--no-auth', '--port-base', '22660'], dir.path)).exitCode).toBe(0);
      const up = await as(65534, ['up'], dir.path);
      expect(up.exitCode, String(up.stderr)).toBe(0);
      expect(redisProcessesUnder(dir.path)).toHaveLength(1);
      await execa('chmod', ['-R', 'a+rwX', dir.path]);

      const started = Date.now();
      const down = await as(65533, ['down'], dir.path);
      expect(down.exitCode).toBe(1);
      const lines = String(down.stderr)
        .split('\n')
        .filter((l) => l.startsWith('redis-arc:'));
      expect(lines).toEqual([
        expect.stringMatching(
          /^redis-arc: redis-1 \(pid \d+\): runs as another user, whom redis-arc may not signal \(EPERM\); stop it as that user \(redis-arc down\) or with sudo$/,
        ),
      ]);
      expectNoStackTrace(String(down.stderr));
      expect(String(down.stderr)).not.toMatch(/check its owner and mode|unexpected/);
      expect(Date.now() - started).toBeLessThan(15_000);
      expect(redisProcessesUnder(dir.path)).toHaveLength(1);

      const owner = await as(65534, ['down'], dir.path);
      expect(owner.exitCode, String(owner.stderr)).toBe(0);
      expect(redisProcessesUnder(dir.path)).toEqual([]);
    } finally {
      killRedisUnder(dir.path);
    }
  });
});
