import type { Queue } from 'bullmq';

/** What the final master holds of the flow workload's jobs, read with queues opened for the check. */
export interface FinalFlows {
  /** BullMQ's state of each acknowledged parent, by job id ('unknown': in no state). */
  parentStates: Map<string, string>;
  /** Acknowledged parents whose record (job hash) is gone. */
  parentsGone: string[];
  /** Children, run here or present there, whose parent record is gone (or that name no parent). */
  orphans: string[];
}

const BATCH = 100;

/**
 * Read the final master: each acknowledged parent's state and record, and every child's parent
 * (the children this workload ran, and those the children queue still holds in any state).
 */
export async function readFinalFlows(
  parents: Queue,
  children: Queue,
  ackedParentIds: readonly string[],
  childrenRun: ReadonlyMap<string, string | undefined>,
): Promise<FinalFlows> {
  const states = await inBatches(ackedParentIds, (id) => parents.getJobState(id));
  const parentOf = new Map(childrenRun);
  for (const job of await children.getJobs()) if (job.id !== undefined) parentOf.set(job.id, job.parent?.id ?? parentOf.get(job.id));
  const parentIds = [...new Set([...ackedParentIds, ...[...parentOf.values()].filter((id) => id !== undefined)])];
  const found = await inBatches(parentIds, (id) => parents.getJob(id).then((job) => job !== undefined));
  const present = new Map(parentIds.map((id, i) => [id, found[i] === true]));
  const has = (id: string | undefined) => id !== undefined && present.get(id) === true;
  return {
    parentStates: new Map(ackedParentIds.map((id, i) => [id, states[i] ?? 'unknown'])),
    parentsGone: ackedParentIds.filter((id) => !has(id)),
    orphans: [...parentOf].filter(([, parentId]) => !has(parentId)).map(([childId]) => childId),
  };
}

/** `f` over `items`, at most BATCH at a time (a few hundred reads, without one round trip each in turn). */
async function inBatches<T, R>(items: readonly T[], f: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += BATCH) out.push(...(await Promise.all(items.slice(i, i + BATCH).map(f))));
  return out;
}
