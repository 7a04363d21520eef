import type { JobIds } from '../../../profiles/types.js';
import { attempt, retryUntil } from '../../../wait/retry.js';
import { ackedBySide } from '../load/ack-source.js';
import { CannotRunError } from '../../faults/index.js';
import type { AddRecord, Completions } from '../load/records.js';
import type { AddAccounting } from '../types.js';

const FEW = 20;
const READ_ATTEMPTS = 5;
const READ_RETRY_MS = 200;

/**
 * Reads the job record with this id: the marker its data holds (the load's id for that add), or
 * null when there is no such job.
 */
export type ReadJob = (jobId: string) => Promise<string | null>;

export interface AccountOptions {
  /** Whose job ids: the marker (`unique`) or the number BullMQ returned (`bullmq`). */
  jobIds?: JobIds;
  /** Count acked and lost adds per acknowledging node (names its address) and for the side cut off. */
  sides?: { name: (address: string) => string; cutOff?: { nodes: string[]; from: number; to: number } };
}

/**
 * Read every add back after settling. Adds are known by their marker (the id the load chose,
 * also in the job's data); the job id is the marker (`unique` ids) or what BullMQ returned
 * (`bullmq` ids). An add is present when the worker processed its marker or its job record
 * still holds its marker. An acknowledged add whose record holds another add's marker was
 * overwritten; one job id returned for several acknowledged adds was re-issued.
 */
export async function account(
  records: AddRecord[],
  completions: Completions,
  read: ReadJob,
  { jobIds = 'unique', sides }: AccountOptions = {},
): Promise<AddAccounting> {
  const present = new Map<string, boolean>();
  const overwrittenIds: string[] = [];
  const goneIds: string[] = [];
  for (const r of records) {
    const jobId = r.jobId ?? (jobIds === 'unique' ? r.id : undefined);
    const completed = completions.has(r.id);
    // Acknowledged adds are all read (an overwrite hides behind a completion); others only when unprocessed.
    const held = jobId !== undefined && (r.outcome === 'ok' || !completed) ? await readBack(read, jobId) : undefined;
    if (r.outcome === 'ok' && jobId !== undefined && typeof held === 'string' && held !== r.id) overwrittenIds.push(jobId);
    // Its record is not on the final master, whether or not a worker ran it (completed jobs are kept).
    if (r.outcome === 'ok' && jobId !== undefined && held !== r.id) goneIds.push(r.id);
    present.set(r.id, completed || held === r.id);
  }
  const by = (outcome: AddRecord['outcome']) => records.filter((r) => r.outcome === outcome);
  const lostIds = by('ok')
    .filter((r) => !present.get(r.id))
    .map((r) => r.id);
  const lostSet = new Set(lostIds);
  const duplicatedIds = [...completions].filter(([, times]) => times.length > 1).map(([id]) => id);
  const reissuedIds = reissued(by('ok'));
  return {
    issued: records.length,
    acked: by('ok').length,
    failed: by('failed').length,
    indeterminate: by('indeterminate').length,
    lost: lostIds.length,
    lostIds: lostIds.slice(0, FEW),
    recovered: by('indeterminate').filter((r) => present.get(r.id)).length,
    duplicated: duplicatedIds.length,
    duplicatedIds: duplicatedIds.slice(0, FEW),
    failedButPresent: by('failed').filter((r) => present.get(r.id)).length,
    reissued: reissuedIds.length,
    reissuedIds: reissuedIds.slice(0, FEW),
    overwritten: overwrittenIds.length,
    overwrittenIds: overwrittenIds.slice(0, FEW),
    gone: goneIds.length,
    goneIds: goneIds.slice(0, FEW),
    errors: topErrors(records),
    ...(sides && ackedBySide(records, (id) => lostSet.has(id), sides.name, sides.cutOff)),
  };
}

/** Job ids returned for more than one acknowledged add. */
function reissued(acked: AddRecord[]): string[] {
  const markers = new Map<string, number>();
  for (const r of acked) if (r.jobId !== undefined) markers.set(r.jobId, (markers.get(r.jobId) ?? 0) + 1);
  return [...markers].filter(([, n]) => n > 1).map(([id]) => id);
}

/** A read that fails says nothing about the job: retry, then refuse to count rather than call it lost. */
async function readBack(read: ReadJob, id: string): Promise<string | null> {
  const result = await retryUntil(
    attempt(() => read(id)),
    (r) => r.ok,
    { timeoutMs: Infinity, intervalMs: READ_RETRY_MS, maxAttempts: READ_ATTEMPTS },
  );
  const last = result.ok ? result.value : result.last;
  if (last.ok) return last.value;
  const reason = last.error instanceof Error ? last.error.message : String(last.error);
  throw new CannotRunError(`could not read job ${id} back to count lost jobs (${reason.split('\n')[0]}); is the topology healthy? \`redis-arc status\``);
}

function topErrors(records: AddRecord[]): { message: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const r of records) if (r.error) counts.set(r.error, (counts.get(r.error) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([message, count]) => ({ message, count }));
}
