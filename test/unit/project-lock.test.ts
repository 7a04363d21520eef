import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireLock, LockedError, lockFile } from '../../src/lock/project-lock.js';
import { tempDir } from '../helpers/cli.js';

const DEAD = { pid: 2 ** 22 + 1, command: 'up', startedAt: '2026-01-01T00:00:00.000Z' }; // above pid_max: never alive

describe('project lock', () => {
  it('refuses a second holder, naming the first, and is free again after release', async () => {
    using d = tempDir();
    const first = await acquireLock(d.path, 'failover-test', 'arc');
    await expect(acquireLock(d.path, 'down', 'arc')).rejects.toThrow(/another redis-arc is working on arc: `failover-test` \(pid \d+/);
    await first.release();
    await (await acquireLock(d.path, 'down', 'arc')).release();
  });

  it('takes over a dead holder once, even when two runs race for it', async () => {
    using d = tempDir();
    mkdirSync(join(d.path, '.redis-arc'));
    writeFileSync(lockFile(d.path), JSON.stringify(DEAD));
    const [a, b] = await Promise.allSettled([acquireLock(d.path, 'up', 'arc'), acquireLock(d.path, 'down', 'arc')]);
    const won = [a, b].filter((r) => r.status === 'fulfilled');
    const lost = [a, b].filter((r) => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect((lost[0] as PromiseRejectedResult).reason).toBeInstanceOf(LockedError);
    expect((won[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof acquireLock>>>).value.tookOverFrom).toMatchObject({ pid: DEAD.pid });
    expect(JSON.parse(readFileSync(lockFile(d.path), 'utf8')).pid).toBe(process.pid);
  });
});
