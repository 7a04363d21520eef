/**
 * The limiter workload on a real standalone Redis: with nothing done to it no window holds more
 * than twice the limit and every job runs (the control); the limiter key deleted behind its back
 * over and over while a large backlog waits lets the backlog through at once, reported as bursts.
 *
 * Deleting the key every 50 ms is not enough (tried: at most 17 starts in a second): a worker
 * that hit the limit sleeps out the PTTL it read and does not ask again meanwhile, so deletions
 * during its sleep change nothing. Deleted in a tight loop, the key is gone also while the worker
 * takes jobs (each take one round trip, each finding a count near zero), and it never reaches the
 * limit: the whole backlog starts within a few hundred ms.
 */
import { Queue } from 'bullmq';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { closeConnection, connect } from '../../src/connect/connect.js';
import { ownProfile } from '../../src/profiles/builtin.js';
import { startWorkloads } from '../../src/scenarios/workloads/group.js';
import { burstsIn, limiter, mostWithin } from '../../src/scenarios/workloads/limiter.js';
import { standalone } from '../../src/testing/index.js';
import { topologiesForFile } from '../helpers/topology.js';
import { runAndCheck } from '../helpers/workloads.js';

const topologies = topologiesForFile({ standalone: standalone() });

async function started(queuePrefix: string) {
  const target = topologies.standalone.started.target;
  return startWorkloads([limiter], { target, prefix: 'bull', profile: ownProfile(), queuePrefix, settings: { longMs: 2000 } });
}

describe('limiter workload', () => {
  it('counts starts in sliding windows', () => {
    const times = [0, 10, 20, 990, 1000, 1500];
    expect(mostWithin(times, 1000)).toBe(4);
    expect(burstsIn(times, 1000, 3)).toEqual([0, 10]);
    expect(burstsIn(times, 1000, 4)).toEqual([]);
  });

  it('holds every invariant when nothing happens: the limiter paces the worker', async () => {
    const group = await started('wl-ctl');
    try {
      const [report] = await runAndCheck(group, { runMs: 4000, settleMs: 15_000 });
      expect(report!.problems).toEqual([]);
      const { acked, max_starts_per_window, starts_per_s } = report!.figures;
      expect(acked).toBeGreaterThan(40);
      expect(report!.figures).toMatchObject({ ran: acked, never_ran: 0, bursts: 0 });
      // The limiter bit: a full window of 10 at least once, never over 20.
      expect(max_starts_per_window).toBeGreaterThanOrEqual(10);
      expect(max_starts_per_window).toBeLessThanOrEqual(20);
      // At most 10 per window overall. Not "at most 10 a second": with a backlog each fixed window
      // fills at its start, so n windows put 10n starts within a little over n - 1 s (seen in CI:
      // 12.2 a second over a 4 s run); a span of s seconds meets at most ceil(s) + 1 windows.
      const spanS = (acked! - 1) / starts_per_s!;
      expect(acked!).toBeLessThanOrEqual(10 * (Math.ceil(spanS) + 1));
    } finally {
      await group.close();
    }
  }, 40_000);

  it('reports a limiter key deleted again and again while a large backlog waits as bursts', async () => {
    const group = await started('wl-del');
    const conn = connect(topologies.standalone.started.target, 'producer');
    const queue = new Queue('wl-del-limiter-limiter', { connection: conn, prefix: 'bull' });
    try {
      await sleep(1500);
      // A backlog of 60 behind the tool's back (markers the ticker never uses): 6 s of work at the limit.
      await queue.addBulk(Array.from({ length: 60 }, (_, k) => ({ name: 'limiter', data: { marker: 1_000_000 + k } })));
      for (const end = Date.now() + 1000; Date.now() < end;) await conn.del('bull:wl-del-limiter-limiter:limiter');
      await group.stopAdding();
      await group.settle(15_000);
      const [report] = await group.check({});
      const { acked, bursts, max_starts_per_window } = report!.figures;
      expect(report!.figures).toMatchObject({ ran: acked, never_ran: 0 });
      expect(bursts).toBeGreaterThanOrEqual(1);
      expect(max_starts_per_window).toBeGreaterThan(20);
      expect(report!.problems).toEqual([
        {
          kind: 'error',
          count: bursts,
          line: `limiter: ${bursts} bursts: over 20 jobs started within 900 ms under a limit of 10 per 1000 ms (most in 1000 ms: ${max_starts_per_window})`,
        },
      ]);
    } finally {
      await queue.close();
      await closeConnection(conn);
      await group.close();
    }
  }, 40_000);
});
