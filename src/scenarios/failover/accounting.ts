import { attempt, retryUntil } from '../../wait/retry.js';
import { ackedBySide } from './ack-source.js';
import { CannotRunError } from './faults.js';
import type { AddRecord, Completions } from './records.js';
import type { AddAccounting } from './types.js';

const FEW = 20;
const READ_ATTEMPTS = 5;
const READ_RETRY_MS = 200;

/**
 * Read every id back after settling: an id is present when the worker processed it or its job
 * still exists in Redis (in any state). `exists` is asked only for ids the worker never saw.
 */
export async function account(
  records: AddRecord[],
  completions: Completions,
  exists: (id: string) => Promise<boolean>,
  /** Count acked and lost adds per acknowledging node (names its address) and for the side cut off. */
  sides?: { name: (address: string) => string; cutOff?: { nodes: string[]; from: number; to: number } },
): Promise<AddAccounting> {
  const present = new Map<string, boolean>();
  for (const r of records) {
    present.set(r.id, completions.has(r.id) || (await readBack(exists, r.id)));
  }
  const by = (outcome: AddRecord['outcome']) => records.filter((r) => r.outcome === outcome);
  const lostIds = by('ok').filter((r) => !present.get(r.id)).map((r) => r.id);
  const lostSet = new Set(lostIds);
  const duplicatedIds = [...completions].filter(([, times]) => times.length > 1).map(([id]) => id);
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
    errors: topErrors(records),
    ...(sides && ackedBySide(records, (id) => lostSet.has(id), sides.name, sides.cutOff)),
  };
}

/** A read that fails says nothing about the job: retry, then refuse to count rather than call it lost. */
async function readBack(exists: (id: string) => Promise<boolean>, id: string): Promise<boolean> {
  const read = await retryUntil(attempt(() => exists(id)), (r) => r.ok, { timeoutMs: Infinity, intervalMs: READ_RETRY_MS, maxAttempts: READ_ATTEMPTS });
  const last = read.ok ? read.value : read.last;
  if (last.ok) return last.value;
  throw new CannotRunError(`could not read job ${id} back to count lost jobs (${(last.error as Error).message.split('\n')[0]}); is the topology healthy? \`redis-arc status\``);
}

function topErrors(records: AddRecord[]): { message: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const r of records) if (r.error) counts.set(r.error, (counts.get(r.error) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([message, count]) => ({ message, count }));
}
