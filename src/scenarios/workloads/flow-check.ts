import type { Queue } from 'bullmq';
import { readFinalFlows } from './flow-final.js';
import { CHILDREN_PER_FLOW, type FlowRecords } from './flow-records.js';
import { factOf, problemOf } from './problems.js';
import type { WorkloadReport } from './types.js';

export interface FlowCheckInput {
  name: string;
  /** Acknowledged flows: the parent's job id by flow index. */
  acked: ReadonlyMap<number, { value: string }>;
  added: number;
  records: FlowRecords;
  /** Queues opened for the check, on the final master. */
  parents: Queue;
  children: Queue;
}

/**
 * The flow invariants: every acknowledged parent ran, once, after all its children completed;
 * each child ran once; no child outlives its parent's record.
 */
export async function checkFlows({ name, acked, added, records, parents, children }: FlowCheckInput): Promise<WorkloadReport> {
  const childrenRun = new Map([...records.children.values()].flatMap((runs) => runs.map((r): [string, string | undefined] => [r.jobId, r.parentId])));
  const final = await readFinalFlows(
    parents,
    children,
    [...acked.values()].map((a) => a.value),
    childrenRun,
  );
  const ackedIds = [...acked].map(([flow, a]) => ({ flow, id: a.value }));
  const neverCompleted = ackedIds.filter((p) => !records.parents.has(p.flow)).map((p) => p.id);
  const stateOf = (id: string) => final.parentStates.get(id);
  const stuck = neverCompleted.filter((id) => stateOf(id) === 'waiting-children').length;
  const gone = neverCompleted.filter((id) => final.parentsGone.includes(id)).length;
  const firstIdsOfTwice = <R extends { jobId: string }>(runs: Iterable<R[]>) => [...runs].filter((r) => r.length > 1).map((r) => r[0]?.jobId ?? '?');
  const childrenTwice = firstIdsOfTwice(records.children.values());
  const parentsTwice = firstIdsOfTwice(records.parents.values());
  const early = [...records.parents.values()]
    .filter((runs) => runs.some((r) => r.childrenRan < CHILDREN_PER_FLOW || (r.childrenValues !== undefined && r.childrenValues < CHILDREN_PER_FLOW)))
    .map((runs) => runs[0]?.jobId ?? '?');
  const why = `${stuck} stuck in waiting-children${gone ? `, ${gone} gone from the final master` : ''}`;
  return {
    workload: name,
    figures: {
      flows_added: added,
      parents_acked: acked.size,
      parents_completed: ackedIds.length - neverCompleted.length,
      parents_never_completed: neverCompleted.length,
      stuck_waiting_children: ackedIds.filter((p) => stateOf(p.id) === 'waiting-children').length,
      parents_gone: final.parentsGone.length,
      orphan_children: final.orphans.length,
      children_run_twice: childrenTwice.length,
      parents_run_twice: parentsTwice.length,
      parent_before_children: early.length,
    },
    problems: [
      ...factOf(name, 'stuck', acked.size === 0, 'no flow was acknowledged: nothing was measured'),
      ...problemOf(name, 'lost', neverCompleted, `acknowledged parents never completed (${why})`),
      ...problemOf(name, 'duplicated', childrenTwice, 'children ran twice'),
      ...problemOf(name, 'duplicated', parentsTwice, 'parents ran twice'),
      // Not `lost`: an acknowledged parent whose record is gone is already counted above, and the children themselves ran.
      ...problemOf(name, 'error', final.orphans, 'children whose parent record is gone from the final master'),
      // Not `lost`: the parent ran; BullMQ broke the order it promises.
      ...problemOf(name, 'error', early, `parents ran before all ${CHILDREN_PER_FLOW} of their children completed`),
    ],
    notes: [],
  };
}
