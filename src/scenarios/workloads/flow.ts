import { checkFlows } from './flow-check.js';
import { CHILDREN_PER_FLOW, childMarkerOf, FlowRecords, flowOf, type ParentRun } from './flow-records.js';
import { Opened } from './opened.js';
import { nothingLeftToRun, settleUntil } from './settle.js';
import type { RunningWorkload, Workload, WorkloadSetup } from './types.js';

const NAME = 'flow';
const EVERY_MS = 200;
const CONCURRENCY = 10;

/** Flows (a parent and 3 children, every 200 ms): every acknowledged parent completes, once, after all its children. */
export const flow: Workload = {
  name: NAME,
  summary: `a flow every ${EVERY_MS} ms (a parent, ${CHILDREN_PER_FLOW} children on another queue): each acknowledged parent completes once, after all its children; parents stuck in waiting-children, orphan children, runs twice`,
  start,
};

async function start(setup: WorkloadSetup): Promise<RunningWorkload> {
  const opened = new Opened(setup);
  try {
    // Two queues, as flows are used; on a cluster both share the trial's hash-tagged prefix, so one flow's keys are in one slot.
    const parentsName = opened.name('parents');
    const childrenName = opened.name('children');
    const records = new FlowRecords();
    await opened.worker(
      childrenName,
      (job) => {
        const marker = childMarkerOf(job.data);
        if (marker) records.child(marker, { jobId: String(job.id), parentId: job.parent?.id, atEpochMs: Date.now() });
        return Promise.resolve(marker ?? null);
      },
      { concurrency: CONCURRENCY },
    );
    await opened.worker(
      parentsName,
      async (job) => {
        const flow = flowOf(job.data);
        if (flow === undefined) return;
        const run: ParentRun = { jobId: String(job.id), atEpochMs: Date.now(), childrenRan: records.childrenRan(flow), childrenValues: undefined };
        records.parent(flow, run);
        // BullMQ's own record of its completed children. A read that fails (in a failover) leaves it unknown rather than failing the parent.
        run.childrenValues = await job.getChildrenValues().then(
          (values) => Object.keys(values).length,
          () => undefined,
        );
      },
      { concurrency: CONCURRENCY },
    );
    const producer = await opened.flow();
    const children = (i: number) =>
      Array.from({ length: CHILDREN_PER_FLOW }, (_, child) => ({ name: 'child', queueName: childrenName, data: { flow: i, child } }));
    const ticker = opened.ticker(EVERY_MS, (i) =>
      producer.add({ name: 'parent', queueName: parentsName, data: { flow: i }, children: children(i) }).then((node) => String(node.job.id)),
    );
    ticker.start();
    const unrun = () => [...ticker.acked.keys()].filter((i) => !records.parents.has(i));
    const queues = [await opened.queue(parentsName), await opened.queue(childrenName)];
    return {
      stopAdding: () => ticker.stop(),
      // A parent runs once its children completed; one that has not when no child can still run (or by the timeout) never will.
      settle: (timeoutMs, signal) => settleUntil(async () => unrun().length === 0 || (await nothingLeftToRun(queues)), timeoutMs, signal).then(() => undefined),
      // Queues opened now, on fresh connections: they read the final master.
      check: async () =>
        checkFlows({
          name: NAME,
          acked: ticker.acked,
          added: ticker.issued,
          records,
          parents: await opened.queue(parentsName),
          children: await opened.queue(childrenName),
        }),
      close: () => opened.close(),
    };
  } catch (err) {
    await opened.close();
    throw err;
  }
}
