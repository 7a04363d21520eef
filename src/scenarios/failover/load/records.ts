import { errorMessage } from '../../../errors/thrown.js';
/** What the load generator knows about one add. Times are performance.now() milliseconds. */
export interface AddRecord {
  /** The add's marker: the id the load chose, also in the job's data (libraryItemId). */
  id: string;
  /** The job id Redis acknowledged: the marker (`tool` ids) or BullMQ's number for it. */
  jobId?: string;
  /** When the add was due (fixed rate): latency is taken from here, not from when it really went out. */
  dueAt: number;
  settledAt?: number;
  outcome?: 'ok' | 'failed' | 'indeterminate';
  /** `host:port` of the node whose connection acknowledged the add (when the producer could tell). */
  ackedBy?: string;
  error?: string;
}

/** Completions of the worker's processor, per marker (the add's id), with their times. */
export type Completions = Map<string, number[]>;

/**
 * Was the add certainly not applied? Errors raised before the command left the client, or
 * refused by Redis, are failures; a timeout or a connection lost with the command in flight
 * leaves it unknown (indeterminate, as in Jepsen's set test).
 */
export function classifyAddError(err: unknown): 'failed' | 'indeterminate' {
  const message = errorMessage(err);
  if (/timed out|max retries per request|Connection is closed|ECONNRESET|EPIPE|All nodes failed|Failed to refresh slots/i.test(message)) {
    return 'indeterminate';
  }
  return 'failed';
}
