/**
 * The events workload on a real standalone Redis: with nothing done to it every invariant holds
 * (the control); a worker whose connection is closed behind its back is named as stopped; and
 * completions trimmed from the event stream while QueueEvents was disconnected are lost events.
 * The failures reach the workload through the profile it is given (as an application's
 * connections would fail), never through the workload itself.
 */
import { describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { borrowed, leaseOf } from '../../src/connect/bullmq.js';
import { closeConnection, connect, type Connection } from '../../src/connect/connect.js';
import { redisOptions } from '../../src/connect/options.js';
import { ownProfile } from '../../src/profiles/builtin.js';
import type { ClientProfile } from '../../src/profiles/types.js';
import { events } from '../../src/scenarios/workloads/events.js';
import { startWorkloads } from '../../src/scenarios/workloads/group.js';
import type { Lease } from '../../src/connect/bullmq.js';
import { standalone } from '../../src/testing/index.js';
import { topologiesForFile } from '../helpers/topology.js';
import { runAndCheck } from '../helpers/workloads.js';

const topologies = topologiesForFile({ standalone: standalone() });

/** ownProfile, except that its n-th worker lease (1: the QueueEvents, 2: w1, 3: w2, in the order the workload opens them) is `lease()`. */
function profileWith(n: number, lease: () => Lease): ClientProfile {
  const base = ownProfile();
  let workers = 0;
  return { ...base, lease: (role, target, own) => (role === 'worker' && ++workers === n ? Promise.resolve(lease()) : base.lease(role, target, own)) };
}

const start = (queuePrefix: string, profile: ClientProfile = ownProfile()) =>
  startWorkloads([events], { target: topologies.standalone.started.target, prefix: 'bull', profile, queuePrefix, settings: { longMs: 2000 } });

describe('events workload', () => {
  it('holds every invariant when nothing happens', async () => {
    const group = await start('wl-ctl');
    try {
      const [report] = await runAndCheck(group, { runMs: 1500, settleMs: 10_000 });
      expect(report!.problems).toEqual([]);
      expect(report!.figures.acked).toBeGreaterThan(20);
      expect(report!.figures.completions).toBe(report!.figures.acked! + report!.figures.probes_acked!);
      expect(report!.figures).toMatchObject({ missed: 0, seen_twice: 0, workers_stopped: 0 });
      expect(report!.figures.seen).toBe(report!.figures.completions);
    } finally {
      await group.close();
    }
  }, 30_000);

  it('names a worker whose connection was closed behind its back as stopped', async () => {
    const target = topologies.standalone.started.target;
    const w2: Connection = connect(target, 'worker');
    const group = await start(
      'wl-stop',
      profileWith(3, () => borrowed(w2)),
    );
    try {
      await sleep(1000);
      w2.disconnect();
      await sleep(500);
      const healedEpochMs = Date.now();
      await group.stopAdding();
      await group.settle(4000);
      const [report] = await group.check({ healedEpochMs });
      expect(report!.figures.workers_stopped).toBe(1);
      const stopped = report!.problems.filter((p) => p.kind === 'stuck').map((p) => p.line);
      expect(stopped).toHaveLength(1);
      // In its one second w2 may or may not have completed a job: w1 can win every wake-up.
      expect(stopped[0]).toMatch(/^events: worker w2 stopped fetching \((last completion \d\.\d s before the heal|no completion at all)\)$/);
    } finally {
      await group.close();
      await closeConnection(w2);
    }
  }, 40_000);

  it('reports completions trimmed from the stream while QueueEvents was away as lost events', async () => {
    const target = topologies.standalone.started.target;
    if (target.kind !== 'standalone') throw new Error('standalone expected');
    // The QueueEvents connection: redis-arc's worker options, except that after a disconnect it stays away until `holdUntil`.
    let holdUntil = 0;
    const options = { ...redisOptions(target, 'worker'), retryStrategy: () => Math.max(10, holdUntil - Date.now()) };
    const group = await start(
      'wl-trim',
      profileWith(1, () => leaseOf(options)),
    );
    const raw = connect(target, 'producer');
    try {
      await sleep(800);
      const clients: unknown = await raw.client('LIST');
      const qe = String(clients)
        .split('\n')
        .find((l) => / name=bull:\S+:qe /.test(l));
      expect(qe).toBeDefined();
      holdUntil = Date.now() + 1500;
      await raw.client('KILL', 'ID', /\bid=(\d+)/.exec(qe!)![1]!);
      await sleep(1000);
      // The stream trimmed behind its back, as `maxLenEvents` trims it when a reader is away too long.
      await raw.xtrim('bull:wl-trim-events-events:events', 'MAXLEN', 0);
      const [report] = await runAndCheck(group, { runMs: 1000, settleMs: 5000 });
      expect(report!.figures.missed).toBeGreaterThan(5);
      expect(report!.figures.seen).toBe(report!.figures.completions! - report!.figures.missed!);
      expect(report!.problems.map((p) => p.line)).toContain(`events: ${report!.figures.missed} completions QueueEvents never saw (lost events)`);
      expect(report!.figures.workers_stopped).toBe(0);
    } finally {
      await closeConnection(raw);
      await group.close();
    }
  }, 40_000);
});
