import { withClient } from '../probe/client.js';
import type { Endpoint } from '../probe/endpoint.js';
import { retryUntil } from '../wait/retry.js';

export interface AnsweringOptions {
  timeoutMs: number;
  intervalMs: number;
  tls?: { ca: string; cert?: string; key?: string };
  /**
   * Asked before each attempt (numbered from 1): a reason when the node can no longer come up
   * (its process exited, its container stopped), which ends the wait at once.
   */
  gaveUp?: (attempt: number) => Promise<string | undefined>;
}

export type AnsweringResult = { ok: true } | { ok: false; reason: string };

/**
 * The one PING-until-ready wait for a node a runtime has just started. A node that does not answer
 * yet is polled again; a node that gave up, or the timeout, ends the wait with the reason.
 */
export async function waitUntilAnswering(ep: Endpoint, password: string | undefined, opts: AnsweringOptions): Promise<AnsweringResult> {
  let attempt = 0;
  const r = await retryUntil(
    async (): Promise<AnsweringResult | undefined> => {
      const reason = await opts.gaveUp?.(++attempt);
      if (reason) return { ok: false, reason };
      return withClient(ep, password, (c) => c.ping(), { connectTimeoutMs: 500, commandTimeoutMs: 1000, ...(opts.tls && { tls: opts.tls }) }).then(
        () => ({ ok: true }) as const,
        () => undefined,
      );
    },
    (v) => v !== undefined,
    { timeoutMs: opts.timeoutMs, intervalMs: opts.intervalMs },
  );
  return r.ok ? r.value! : { ok: false, reason: `did not answer PING on ${ep.host}:${ep.port} within ${opts.timeoutMs} ms` };
}
