/*
 * Who a connection is for (`ClientRole`, src/client). The settings differ on purpose (BullMQ's production guide):
 * - producer: fail fast, so the code that adds a job learns at once that Redis is away;
 * - worker: never give up, so a worker outlives any failover and resumes on its own.
 */

/** A producer's command is retried this often across reconnects before its promise rejects. */
export const PRODUCER_MAX_RETRIES_PER_REQUEST = 1;
/** Producers and workers alike give up one connection attempt after this long. */
export const CONNECT_TIMEOUT_MS = 2000;
/** failover-test's producer gives a command up after this long (recorded as indeterminate: it may still apply). */
export const PRODUCER_COMMAND_TIMEOUT_MS = 1000;
