/**
 * A failover-test killed with SIGKILL cannot clean up: its queue keys stay on the topology (126
 * seen, through down/up and later runs, named by nothing). Now `status` names them (prefix, run,
 * key count; `--json` leftoverQueues), `status --remove-leftovers` deletes them, and the next
 * failover-test of the project, under its lock, removes its killed predecessor's first. Keys that
 * are not a redis-arc run's (an application's queue, a look-alike name) are never touched. Runs
 * through the CLI on a project of its own: ports 22480-22489 (sentinels 22486-22488).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, cli, expectNoStackTrace } from '../helpers/cli.js';
import { cliProject } from '../helpers/cli-project.js';

const project = cliProject('sentinel', ['--port-base', '22480', '--sentinel-port-base', '22486']);
const DATA_PORTS = [22480, 22481, 22482];
const FOREIGN = ['bull:myapp:wait', 'bull:myapp:1', 'bull:redis-arc-failover-notarun:wait', 'other:redis-arc-failover-0000000g:x'];
let master: Redis | undefined;

beforeAll(async () => {
  const up = await cli(['up', '--spec', project.spec]);
  expect(up.exitCode, up.stderr).toBe(0);
}, 120_000);
afterAll(async () => {
  await master?.quit().catch(() => undefined);
});

/** The current master (a trial may have moved it). */
async function onMaster(): Promise<Redis> {
  for (const port of DATA_PORTS) {
    // No reconnects: a trial may kill this node once we are done with it.
    const r = new Redis({ port, password: project.password, lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
    r.on('error', () => undefined);
    try {
      await r.connect();
      if (String(await r.call('ROLE')).startsWith('master')) return r;
    } catch {
      // a node restarting
    }
    await r.quit().catch(() => undefined);
  }
  throw new Error('no master');
}

async function runKeys(): Promise<Map<string, number>> {
  const m = await onMaster();
  const keys = await m.keys('bull:redis-arc-failover-*').finally(() => m.quit());
  const runs = new Map<string, number>();
  for (const key of keys) {
    const run = /^bull:(redis-arc-failover-[0-9a-f]{8})[-:]/.exec(key)?.[1];
    if (run) runs.set(run, (runs.get(run) ?? 0) + 1);
  }
  return runs;
}

/** A failover-test killed with SIGKILL a second into its warm-up: its load has added jobs by then. */
async function killedRun(): Promise<void> {
  const child = spawn(BIN, ['failover-test', '--spec', project.spec, '--warmup-ms', '5000', '--workload', 'jobs,delayed'], {
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  let stderr = '';
  await new Promise<void>((resolve) =>
    child.stderr.on('data', (b: Buffer) => {
      stderr += String(b);
      if (stderr.includes('warming up')) setTimeout(resolve, 1500);
    }),
  );
  process.kill(-(child.pid ?? 0), 'SIGKILL');
  await once(child, 'exit');
}

async function healthy(): Promise<void> {
  for (let i = 0; i < 60; i++) {
    if ((await cli(['status', '--spec', project.spec])).exitCode === 0) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('not healthy again');
}

describe('a killed failover-test leaves named keys, and they can be removed', () => {
  it('status names them, --remove-leftovers removes them, foreign keys stay', async () => {
    master = await onMaster();
    for (const k of FOREIGN) await master.set(k, 'mine');
    await killedRun();
    await master.quit();
    master = undefined;
    const left = await runKeys();
    expect(left.size).toBe(1);
    const [run, count] = [...left][0]!;

    const status = await cli(['status', '--spec', project.spec]);
    expect(status.exitCode, status.stderr).toBe(0);
    const note = status.stdout.split('\n').filter((l) => l.includes('queue key(s) left by'));
    expect(note).toHaveLength(1);
    expect(note[0]).toContain(`bull:${run} (${count} keys)`);
    expect(note[0]).toContain('redis-arc status --remove-leftovers');
    const json = await cli(['status', '--json', '--spec', project.spec]);
    expect(JSON.parse(json.stdout).leftoverQueues).toEqual([{ prefix: 'bull', run, kind: 'failover', keys: count }]);

    const t0 = Date.now();
    const removed = await cli(['status', '--remove-leftovers', '--spec', project.spec]);
    expect(removed.exitCode, removed.stderr).toBe(0);
    expect(removed.stdout.trim()).toBe(`removed ${count} key(s) of 1 redis-arc run(s): bull:${run} (${count} keys)`);
    expectNoStackTrace(removed.stderr + removed.stdout);
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect((await runKeys()).size).toBe(0);
    master = await onMaster();
    for (const k of FOREIGN) expect(await master.get(k)).toBe('mine');
    await master.quit();
    master = undefined;
    const after = await cli(['status', '--spec', project.spec]);
    expect(after.stdout).not.toContain('queue key(s) left by');
  }, 120_000);

  it("the next failover-test of the project removes its killed predecessor's keys first, and no others", async () => {
    await healthy();
    await killedRun();
    master = undefined;
    const left = await runKeys();
    expect(left.size).toBe(1);
    const [run, count] = [...left][0]!;
    const next = await cli(['failover-test', '--spec', project.spec, '--warmup-ms', '500', '--settle-ms', '500']);
    expect(next.stderr).toContain(`removed ${count} queue key(s) left by 1 failover-test run(s) killed before their cleanup: bull:${run} (${count} keys)`);
    expectNoStackTrace(next.stderr + next.stdout);
    expect((await runKeys()).size).toBe(0);
    master = await onMaster();
    for (const k of FOREIGN) expect(await master.get(k)).toBe('mine');
    await master.quit();
    master = undefined;
  }, 180_000);
});
