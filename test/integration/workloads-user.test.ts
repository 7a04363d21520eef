/**
 * A user's own workload module (`--workload FILE`) on a real standalone Redis: with nothing done
 * to it every acknowledged job completes exactly once and its own check holds (the control); a
 * job removed behind its back is reported as never completed, and a result changed behind its
 * back is reported by the module's own check.
 */
import { Queue } from 'bullmq';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { closeConnection, connect } from '../../src/connect/connect.js';
import { ownProfile } from '../../src/profiles/builtin.js';
import { startWorkloads } from '../../src/scenarios/workloads/group.js';
import { loadWorkloadModule } from '../../src/scenarios/workloads/user-module.js';
import { standalone } from '../../src/testing/index.js';
import { topologiesForFile } from '../helpers/topology.js';
import { runAndCheck } from '../helpers/workloads.js';

const topologies = topologiesForFile({ standalone: standalone() });
const cwd = resolve(import.meta.dirname, '../fixtures/workloads');

async function started(file: string, queuePrefix: string) {
  const workload = await loadWorkloadModule(file, cwd);
  const target = topologies.standalone.started.target;
  return startWorkloads([workload], { target, prefix: 'bull', profile: ownProfile(), queuePrefix, settings: { longMs: 2000 } });
}

describe('a user workload module', () => {
  it('holds every invariant, its own check included, when nothing happens', async () => {
    const group = await started('./orders.mjs', 'wu-ctl');
    try {
      const [report] = await runAndCheck(group, { runMs: 1500, settleMs: 10_000 });
      expect(report!.workload).toBe('./orders.mjs');
      expect(report!.problems).toEqual([]);
      expect(report!.figures.acked).toBeGreaterThan(8);
      expect(report!.figures).toMatchObject({ ran: report!.figures.acked, never_ran: 0, ran_twice: 0, attempts_failed: 0, own_problems: 0 });
    } finally {
      await group.close();
    }
  }, 30_000);

  it('reports a job removed behind its back as never completed', async () => {
    const group = await started('./later.mjs', 'wu-sab');
    const conn = connect(topologies.standalone.started.target, 'producer');
    const queue = new Queue('wu-sab-later-mjs-later', { connection: conn, prefix: 'bull' });
    try {
      await sleep(1000);
      const [victim] = await queue.getDelayed(0, 0);
      expect(victim).toBeDefined();
      await victim!.remove();
      await group.stopAdding();
      await group.settle(8000);
      const [report] = await group.check({});
      expect(report!.figures.never_ran).toBe(1);
      expect(report!.figures.ran).toBe(report!.figures.acked! - 1);
      expect(report!.problems).toEqual([{ kind: 'lost', count: 1, line: './later.mjs: 1 acknowledged jobs never completed', examples: [victim!.id] }]);
    } finally {
      await queue.close();
      await closeConnection(conn);
      await group.close();
    }
  }, 30_000);

  it("reports what the module's own check finds: a result changed behind its back", async () => {
    const group = await started('./orders.mjs', 'wu-own');
    const conn = connect(topologies.standalone.started.target, 'producer');
    try {
      await sleep(1000);
      await group.stopAdding();
      await group.settle(10_000);
      await conn.hset('bull:wu-own-orders-mjs-orders:1', 'returnvalue', JSON.stringify({ total: -1 }));
      const [report] = await group.check({});
      expect(report!.figures.own_problems).toBe(1);
      expect(report!.problems).toEqual([{ kind: 'error', count: 1, line: './orders.mjs: order 1 has total -1' }]);
    } finally {
      await closeConnection(conn);
      await group.close();
    }
  }, 30_000);
});
