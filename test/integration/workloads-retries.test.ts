/**
 * The retries workload on a real standalone Redis: with nothing done to it every job completes
 * once on its second attempt (the control); a job removed while it waits out its backoff is
 * reported as never completed, and one whose attempt count is reset behind its back as a job that
 * lost an attempt.
 */
import { Queue, type Job } from 'bullmq';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { closeConnection, connect, whenReady } from '../../src/connect/connect.js';
import { ownProfile } from '../../src/profiles/builtin.js';
import { startWorkloads } from '../../src/scenarios/workloads/group.js';
import { retries } from '../../src/scenarios/workloads/retries.js';
import { standalone } from '../../src/testing/index.js';
import { topologiesForFile } from '../helpers/topology.js';
import { runAndCheck } from '../helpers/workloads.js';

const topologies = topologiesForFile({ standalone: standalone() });

async function started(queuePrefix: string) {
  const target = topologies.standalone.started.target;
  return startWorkloads([retries], { target, prefix: 'bull', profile: ownProfile(), queuePrefix, settings: { longMs: 2000 } });
}

/** Jobs waiting out their backoff (in the delayed set after their first, failed, attempt); polled until some are there. */
async function inBackoff(queue: Queue): Promise<Job[]> {
  for (let i = 0; i < 500; i++) {
    const jobs = await queue.getDelayed(0, -1);
    if (jobs.length) return jobs;
    await sleep(2);
  }
  throw new Error('no job was seen waiting out its backoff');
}

describe('retries workload', () => {
  it('holds every invariant when nothing happens', async () => {
    const group = await started('wr-ctl');
    try {
      const [report] = await runAndCheck(group, { runMs: 1500, settleMs: 10_000 });
      expect(report!.problems).toEqual([]);
      expect(report!.figures.acked).toBeGreaterThan(15);
      expect(report!.figures).toMatchObject({ completed: report!.figures.acked, failed_for_good: 0, attempts_lost: 0, never_completed: 0 });
    } finally {
      await group.close();
    }
  }, 30_000);

  it('reports a job removed while it waits out its backoff as never completed', async () => {
    const group = await started('wr-rm');
    const conn = connect(topologies.standalone.started.target, 'producer');
    try {
      await whenReady(conn);
      await sleep(500);
      // ZREM is atomic: a job it took out of the delayed set was still waiting out its backoff and
      // can no longer be promoted (a job.remove() could come after the worker had promoted and run it).
      const delayedKey = 'bull:wr-rm-retries-retries:delayed';
      let victim: string | undefined;
      while (!victim) {
        for (const id of await conn.zrange(delayedKey, '0', '-1')) {
          if ((await conn.zrem(delayedKey, id)) === 1) {
            await conn.del(`bull:wr-rm-retries-retries:${id}`);
            victim = id;
            break;
          }
        }
        if (!victim) await sleep(10);
      }
      await group.stopAdding();
      await group.settle(5000);
      const [report] = await group.check({});
      expect(report!.figures).toMatchObject({ never_completed: 1, completed: report!.figures.acked! - 1, attempts_lost: 0, failed_for_good: 0 });
      expect(report!.problems).toEqual([{ kind: 'lost', count: 1, line: 'retries: 1 acknowledged jobs never completed', examples: [victim] }]);
    } finally {
      await closeConnection(conn);
      await group.close();
    }
  }, 30_000);

  it('reports a job whose attempt count was reset behind its back as one that lost an attempt', async () => {
    const group = await started('wr-atm');
    const conn = connect(topologies.standalone.started.target, 'producer');
    const queue = new Queue('wr-atm-retries-retries', { connection: conn, prefix: 'bull' });
    try {
      await sleep(500);
      const victims = (await inBackoff(queue)).map((j) => j.id!);
      for (const id of victims) await conn.hset(`bull:wr-atm-retries-retries:${id}`, 'atm', 0);
      await group.stopAdding();
      await group.settle(10_000);
      const [report] = await group.check({});
      expect(report!.figures.attempts_lost).toBeGreaterThanOrEqual(1);
      expect(report!.figures).toMatchObject({ never_completed: 0, completed: report!.figures.acked, failed_for_good: 0 });
      const [problem] = report!.problems;
      expect(problem).toMatchObject({
        kind: 'lost',
        line: `retries: ${report!.figures.attempts_lost} jobs completed with an attempt lost (attemptsMade not 2)`,
      });
      expect(victims).toEqual(expect.arrayContaining(problem!.examples!));
    } finally {
      await queue.close();
      await closeConnection(conn);
      await group.close();
    }
  }, 30_000);
});
