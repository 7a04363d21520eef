/**
 * The dedup workload on a real standalone Redis: with nothing done to it exactly one job runs per
 * deduplication id (the control); a `de:<id>` key deleted behind its back mid-group (as a failover
 * that lost it would) lets the group's next add create a second job, reported as ran twice.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { closeConnection, connect } from '../../src/connect/connect.js';
import { ownProfile } from '../../src/profiles/builtin.js';
import { dedup } from '../../src/scenarios/workloads/dedup.js';
import { startWorkloads } from '../../src/scenarios/workloads/group.js';
import { standalone } from '../../src/testing/index.js';
import { topologiesForFile } from '../helpers/topology.js';
import { runAndCheck } from '../helpers/workloads.js';

const topologies = topologiesForFile({ standalone: standalone() });

async function started(queuePrefix: string) {
  const target = topologies.standalone.started.target;
  return startWorkloads([dedup], { target, prefix: 'bull', profile: ownProfile(), queuePrefix, settings: { longMs: 2000 } });
}

describe('dedup workload', () => {
  it('holds every invariant when nothing happens: one job per deduplication id', async () => {
    const group = await started('wd-ctl');
    try {
      const [report] = await runAndCheck(group, { runMs: 1500, settleMs: 10_000 });
      expect(report!.problems).toEqual([]);
      expect(report!.notes).toEqual([]);
      const { acked, ids } = report!.figures;
      expect(ids).toBeGreaterThanOrEqual(5);
      expect(report!.figures).toMatchObject({ ran: ids, jobs: ids, deduplicated: acked! - ids!, never_ran: 0, ran_twice: 0 });
    } finally {
      await group.close();
    }
  }, 30_000);

  it('reports a deduplication id whose key was deleted mid-group as one that ran twice', async () => {
    const group = await started('wd-del');
    const conn = connect(topologies.standalone.started.target, 'producer');
    const prefix = 'bull:wd-del-dedup-dedup:de:';
    try {
      await sleep(300);
      // Every 20 ms, each group's key goes as soon as it is there: the group's next add (50 ms later) finds none.
      const deleted = new Set<string>();
      for (const end = Date.now() + 600; Date.now() < end; await sleep(20))
        for (const key of await conn.keys(`${prefix}*`)) if (await conn.del(key)) deleted.add(key.slice(prefix.length));
      await group.stopAdding();
      await group.settle(5000);
      const [report] = await group.check({});
      const { ids, ran_twice } = report!.figures;
      expect(ran_twice).toBeGreaterThanOrEqual(1);
      expect(report!.figures).toMatchObject({ ran: ids, never_ran: 0 });
      expect(report!.figures.jobs).toBeGreaterThan(ids!);
      const [problem] = report!.problems;
      expect(report!.problems).toHaveLength(1);
      expect(problem).toMatchObject({
        kind: 'duplicated',
        count: ran_twice,
        line: `dedup: ${ran_twice} deduplication ids ran more than one job within the 10 s ttl (or one job twice)`,
      });
      expect([...deleted]).toEqual(expect.arrayContaining(problem!.examples!));
    } finally {
      await closeConnection(conn);
      await group.close();
    }
  }, 30_000);
});
