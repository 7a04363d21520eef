/**
 * The flow workload on real Redis: with nothing done to it every invariant holds (the control,
 * standalone and on a cluster, where both queues share the hash-tagged prefix); a child removed
 * behind its back leaves its parent stuck in waiting-children, reported as never completed; a
 * parent record deleted behind its back leaves orphan children and a parent gone.
 */
import { Queue, type Job } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { closeConnection, connect } from '../../src/connect/connect.js';
import { ownProfile } from '../../src/profiles/builtin.js';
import { flow } from '../../src/scenarios/workloads/flow.js';
import { startWorkloads } from '../../src/scenarios/workloads/group.js';
import type { Target } from '../../src/redis/target.js';
import { cluster, standalone } from '../../src/testing/index.js';
import { topologiesForFile } from '../helpers/topology.js';
import { runAndCheck } from '../helpers/workloads.js';

const topologies = topologiesForFile({ standalone: standalone(), cluster: cluster({ nodeTimeoutMs: 1000 }) });

const start = (target: Target, prefix: string, queuePrefix: string) =>
  startWorkloads([flow], { target, prefix, profile: ownProfile(), queuePrefix, settings: { longMs: 2000 } });

/** A flow run of ~2 s with nothing done to it: every parent ran once, after its 3 children. */
async function control(target: Target, prefix: string) {
  const group = await start(target, prefix, 'wl-ctl');
  try {
    const [report] = await runAndCheck(group, { runMs: 2000, settleMs: 10_000 });
    expect(report!.problems).toEqual([]);
    const f = report!.figures;
    expect(f.parents_acked).toBeGreaterThan(6);
    expect(f.parents_completed).toBe(f.parents_acked);
    expect(f).toMatchObject({
      parents_never_completed: 0,
      stuck_waiting_children: 0,
      parents_gone: 0,
      orphan_children: 0,
      children_run_twice: 0,
      parents_run_twice: 0,
      parent_before_children: 0,
    });
  } finally {
    await group.close();
  }
}

/**
 * Runs the workload with its children queue paused by a separate Queue (its worker takes no child
 * meanwhile), hands a waiting child to `sabotage` with a raw connection, then resumes the queue.
 */
async function sabotaged(queuePrefix: string, sabotage: (child: Job, redis: ReturnType<typeof connect>) => Promise<unknown>) {
  const target = topologies.standalone.started.target;
  const group = await start(target, 'bull', queuePrefix);
  const redis = connect(target, 'producer');
  const children = new Queue(`${queuePrefix}-flow-children`, { connection: redis, prefix: 'bull' });
  try {
    await sleep(400);
    await children.pause();
    await sleep(600);
    const [victim] = await children.getWaiting(0, 0);
    expect(victim?.parent).toBeDefined();
    await sabotage(victim!, redis);
    await children.resume();
    const [report] = await runAndCheck(group, { runMs: 600, settleMs: 5000 });
    return { report: report!, victim: victim! };
  } finally {
    await children.close();
    await closeConnection(redis);
    await group.close();
  }
}

describe('flow workload', () => {
  it('holds every invariant when nothing happens', () => control(topologies.standalone.started.target, 'bull'), 30_000);

  it('holds every invariant on a cluster, its two queues in one hash tag', () => control(topologies.cluster.started.target, '{wl}'), 30_000);

  it('reports the parent of a child removed behind its back as never completed, stuck in waiting-children', async () => {
    const { report, victim } = await sabotaged('wl-child', (child, redis) =>
      // What a failover's lost write does: the child's record and its place in the wait list vanish; its parent still waits on it.
      redis.multi().lrem('bull:wl-child-flow-children:wait', 0, child.id!).del(`bull:wl-child-flow-children:${child.id}`).exec(),
    );
    expect(report.figures).toMatchObject({ parents_never_completed: 1, stuck_waiting_children: 1, parents_gone: 0, orphan_children: 0 });
    expect(report.problems.map((p) => p.line)).toEqual(['flow: 1 acknowledged parents never completed (1 stuck in waiting-children)']);
    expect(report.problems[0]!.examples).toEqual([victim.parent!.id]);
  }, 30_000);

  it('reports the children of a parent record deleted behind its back as orphans, and the parent as gone', async () => {
    const { report, victim } = await sabotaged('wl-parent', (child, redis) => {
      const id = child.parent!.id!;
      return redis.multi().zrem('bull:wl-parent-flow-parents:waiting-children', id).del(`bull:wl-parent-flow-parents:${id}`).exec();
    });
    expect(report.figures).toMatchObject({ parents_never_completed: 1, stuck_waiting_children: 0, parents_gone: 1, orphan_children: 3 });
    expect(report.problems.map((p) => p.line)).toEqual([
      'flow: 1 acknowledged parents never completed (0 stuck in waiting-children, 1 gone from the final master)',
      'flow: 3 children whose parent record is gone from the final master',
    ]);
    expect(report.problems[0]!.examples).toEqual([victim.parent!.id]);
  }, 30_000);
});
