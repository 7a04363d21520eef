import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { acquireLock, LockedError, lockFile, readLock } from '../../src/lock/project-lock.js';
import { procStart } from '../../src/system/proc.js';
import { tempDir } from '../helpers/cli.js';

/** A live process under a name of our choosing (bash's `exec -a`), stopped when the test ends. */
function liveProcess(argv0: string): ChildProcess & Disposable & { argv0: string } {
  const child = spawn('bash', ['-c', `exec -a ${argv0} sleep 30`], { stdio: 'ignore' });
  return Object.assign(child, { argv0, [Symbol.dispose]: () => void child.kill('SIGKILL') });
}

/** Until bash has exec'd, /proc shows bash itself: wait for the new program's name. */
async function execed(pid: number, argv0: string): Promise<void> {
  for (let i = 0; i < 200 && !readFileSync(`/proc/${pid}/cmdline`, 'utf8').startsWith(`${argv0}\0`); i++) await new Promise((r) => setTimeout(r, 10));
}

async function lockNaming(dir: string, child: ChildProcess & { argv0: string }, extra: Record<string, unknown> = {}): Promise<void> {
  await execed(child.pid!, child.argv0);
  mkdirSync(join(dir, '.redis-arc'), { recursive: true });
  writeFileSync(
    lockFile(dir),
    JSON.stringify({ pid: child.pid, procStart: await procStart(child.pid!), command: 'up', startedAt: new Date().toISOString(), ...extra }),
  );
}

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

  it('a lock naming a live process that is not redis-arc is no run: status does not report it, up takes it over', async () => {
    using d = tempDir();
    using other = liveProcess('some-daemon');
    await lockNaming(d.path, other);
    expect(await readLock(d.path)).toMatchObject({ alive: false, holder: { pid: other.pid } });
    const lock = await acquireLock(d.path, 'up', 'arc');
    expect(lock.tookOverFrom).toMatchObject({ pid: other.pid });
    await lock.release();
  });

  it('a lock recording another program than the live pid runs is no run either', async () => {
    using d = tempDir();
    using other = liveProcess('redis-arc');
    await lockNaming(d.path, other, { program: 'node /usr/lib/node_modules/redis-arc/bin/redis-arc' });
    expect((await readLock(d.path))?.alive).toBe(false);
  });

  it('a live redis-arc holder (its own recorded program, or a redis-arc command line) is still one', async () => {
    using d = tempDir();
    using arc = liveProcess('redis-arc');
    await lockNaming(d.path, arc);
    expect((await readLock(d.path))?.alive).toBe(true);
    await expect(acquireLock(d.path, 'down', 'arc')).rejects.toThrow(LockedError);

    using mine = tempDir();
    const lock = await acquireLock(mine.path, 'up', 'arc');
    expect(JSON.parse(readFileSync(lockFile(mine.path), 'utf8')).program).toMatch(/node/);
    expect((await readLock(mine.path))?.alive).toBe(true);
    await lock.release();
  });
});
