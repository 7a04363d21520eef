/**
 * A replica further behind than this (seconds) is a problem: masters see an ACK every second, and
 * replicas hear from an idle master every repl-ping-replica-period (10 s). `status --max-lag` and
 * doctor's replica-lag rule share it; cheap to import, so `status --help` shows it.
 */
export const DEFAULT_MAX_LAG_SECONDS = 10;
