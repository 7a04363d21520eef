/**
 * The long workload on a real standalone Redis: with nothing done to it every invariant holds
 * (the control); a running job's lock deleted behind its back is reported as BullMQ reports it
 * (moveToFinished answers `Missing lock`, the job stays active, unfinished); and when another
 * application's stalled checker then moves that job back, it runs twice.
 */
import { Queue, Worker } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { closeConnection, connect, type Connection } from '../../src/connect/connect.js';
import { ownProfile } from '../../src/profiles/builtin.js';
import { startWorkloads } from '../../src/scenarios/workloads/group.js';
import { long } from '../../src/scenarios/workloads/long.js';
import { standalone } from '../../src/testing/index.js';
import { topologiesForFile } from '../helpers/topology.js';
import { runAndCheck } from '../helpers/workloads.js';

const topologies = topologiesForFile({ standalone: standalone() });

/** Start the workload, wait until one of its jobs runs, and delete that job's lock with a raw connection. */
async function withLockDeleted(queuePrefix: string, body: (queue: Queue, conn: Connection) => Promise<void>) {
  const target = topologies.standalone.started.target;
  const group = await startWorkloads([long], { target, prefix: 'bull', profile: ownProfile(), queuePrefix, settings: { longMs: 1500 } });
  const conn = connect(target, 'producer');
  const queue = new Queue(`${queuePrefix}-long-long`, { connection: conn, prefix: 'bull' });
  try {
    await sleep(500);
    const [victim] = await queue.getActive(0, 0);
    expect(victim?.id).toBeDefined();
    expect(await conn.del(`bull:${queue.name}:${victim!.id}:lock`)).toBe(1);
    await body(queue, conn);
    await group.stopAdding();
  } finally {
    await queue.close();
    await closeConnection(conn);
  }
  return group;
}

describe('long workload', () => {
  it('holds every invariant when nothing happens', async () => {
    const target = topologies.standalone.started.target;
    const group = await startWorkloads([long], { target, prefix: 'bull', profile: ownProfile(), queuePrefix: 'wl-ctl', settings: { longMs: 1000 } });
    try {
      const [report] = await runAndCheck(group, { runMs: 1500, settleMs: 10_000 });
      expect(report!.problems).toEqual([]);
      expect(report!.figures.acked).toBeGreaterThan(10);
      expect(report!.figures.completed).toBe(report!.figures.acked);
      expect(report!.figures).toMatchObject({ lost: 0, unfinished: 0, run_twice: 0, stalled: 0, missing_lock_errors: 0, missing_key_errors: 0 });
    } finally {
      await group.close();
    }
  }, 30_000);

  it('reports a running job whose lock was deleted behind its back: Missing lock, and the job left active', async () => {
    const group = await withLockDeleted('wl-lock', () => Promise.resolve());
    try {
      await group.settle(4000);
      const [report] = await group.check({});
      const lines = report!.problems.map((p) => p.line);
      expect(report!.figures).toMatchObject({ missing_lock_errors: 1, unfinished: 1, lost: 0, run_twice: 0 });
      expect(lines).toContain('long: 1 long jobs could not be finished: Missing lock');
      expect(lines).toContain('long: 1 acknowledged long jobs never completed, still on the final master (1 active)');
      expect(report!.figures.completed).toBe(report!.figures.acked! - 1);
    } finally {
      await group.close();
    }
  }, 30_000);

  it("reports the job as run twice when another application's stalled checker moves it back", async () => {
    const target = topologies.standalone.started.target;
    const conn = connect(target, 'worker');
    // Another instance of the application, on the same queue: it processes nothing, only checks for stalled jobs (often).
    const checker = new Worker('wl-twice-long-long', undefined, { connection: conn, prefix: 'bull', autorun: false, stalledInterval: 300 });
    // BullMQ runs one stalled check per queue per stalledInterval (the `stalled-check` key our worker set for 30 s): this one runs now.
    const group = await withLockDeleted('wl-twice', async (queue, raw) => {
      await raw.del(`bull:${queue.name}:stalled-check`);
      await checker.startStalledCheckTimer();
    });
    try {
      await group.settle(8000);
      const [report] = await group.check({});
      const lines = report!.problems.map((p) => p.line);
      expect(report!.figures).toMatchObject({ run_twice: 1, unfinished: 0, lost: 0 });
      expect(report!.figures.completed).toBe(report!.figures.acked);
      expect(lines).toContain('long: 1 long jobs ran twice (their lock was lost and the job was taken again)');
    } finally {
      await checker.close();
      await closeConnection(conn);
      await group.close();
    }
  }, 30_000);
});
