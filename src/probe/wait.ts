import { ArcError } from '../errors/index.js';
import { attempt, retryUntil, type Clock } from '../wait/retry.js';
import { DEFAULT_PROBE_CLIENT_OPTIONS, withClient, type ProbeClientOptions } from './client.js';
import type { Endpoint } from '../redis/endpoint.js';
import { checkHealth } from './health.js';
import type { HealthOptions, HealthReport } from './health-report.js';
import type { ProbePool } from './pool.js';
import type { Target } from '../redis/target.js';

/** The topology did not become healthy in time; `report` is the last look at it. */
export class NotHealthyError extends ArcError {
  constructor(
    readonly report: HealthReport,
    timeoutMs: number,
  ) {
    super([`${report.kind} topology still ${report.verdict} after ${seconds(timeoutMs)}:`, ...report.problems.map((p) => `  ${p}`)].join('\n'));
  }
}

export interface WaitOptions {
  timeoutMs: number;
  /** Between checks; checks are cheap (one short connection per node, or the pool's). */
  intervalMs?: number;
  /**
   * Check over this pool's connections (the caller's, left open), as boot's start wait does. By
   * default every check opens its own, as failover-test's waits always have.
   */
  pool?: ProbePool;
  /** Called with the first remaining problem whenever it changes: what the wait is waiting for. */
  onWaiting?: (what: string) => void;
  clock?: Clock;
  health?: Partial<HealthOptions>;
  signal?: AbortSignal;
}

const DEFAULT_WAIT_INTERVAL_MS = 100;

/** Poll checkHealth until healthy. Throws NotHealthyError on timeout, ProbeError on a wrong password. */
export async function waitUntilHealthy(target: Target, opts: WaitOptions): Promise<HealthReport> {
  let waitingFor: string | undefined;
  const { pool } = opts;
  const health = pool ? { ...opts.health, client: { ...DEFAULT_PROBE_CLIENT_OPTIONS, ...opts.health?.client, pool } } : opts.health;
  const result = await retryUntil(
    () => checkHealth(target, health),
    (r) => r.verdict === 'healthy',
    {
      timeoutMs: opts.timeoutMs,
      intervalMs: opts.intervalMs ?? DEFAULT_WAIT_INTERVAL_MS,
      ...(opts.clock && { clock: opts.clock }),
      ...(opts.signal && { signal: opts.signal }),
      onAttempt: (report) => {
        const what = report.problems[0];
        if (what !== undefined && what !== waitingFor) opts.onWaiting?.(what);
        waitingFor = what;
      },
    },
  );
  if (result.ok) return result.value;
  throw new NotHealthyError(result.last, opts.timeoutMs);
}

export interface AnsweringOptions {
  timeoutMs: number;
  intervalMs: number;
  /** Short timeouts: a node that is still starting should be asked again soon, not waited on. */
  client?: Partial<ProbeClientOptions>;
  /** Runs before every attempt; throws to give up early (the process or container died). */
  beforeAttempt?: () => Promise<void> | void;
  clock?: Clock;
  signal?: AbortSignal;
}

const ANSWERING_CLIENT_OPTIONS: Partial<ProbeClientOptions> = { connectTimeoutMs: 500, commandTimeoutMs: 1000 };

/**
 * Poll until `ep` answers PING (the node accepts commands). Resolves true when it did, false on
 * timeout: the caller knows what to say about a node that never answered.
 */
export async function waitUntilAnswering(ep: Endpoint, password: string | undefined, opts: AnsweringOptions): Promise<boolean> {
  // beforeAttempt throws out of the wait; a failed PING is a value to poll again.
  const ping = attempt(() => withClient(ep, password, (c) => c.ping(), { ...ANSWERING_CLIENT_OPTIONS, ...opts.client }));
  const result = await retryUntil(
    async () => {
      await opts.beforeAttempt?.();
      return ping();
    },
    (r) => r.ok,
    { timeoutMs: opts.timeoutMs, intervalMs: opts.intervalMs, ...(opts.clock && { clock: opts.clock }), ...(opts.signal && { signal: opts.signal }) },
  );
  return result.ok;
}

const seconds = (ms: number): string => `${Number((ms / 1000).toFixed(1))} s`;
