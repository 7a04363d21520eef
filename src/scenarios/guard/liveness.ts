import { InterruptedError, UnreachableError } from '../../errors/index.js';
import { withClient } from '../../probe/client.js';
import type { Endpoint } from '../../redis/endpoint.js';
import { toProbeError } from '../../probe/probe-error.js';
import { type Target } from '../../redis/target.js';
import { probeClientOptions } from '../../probe/client.js';
import { retryUntil, SYSTEM_CLOCK, type Clock } from '../../wait/retry.js';

export interface LivenessOptions {
  /** No node answering for this long means the topology is gone: the scenario ends. */
  lostAfterMs: number;
  everyMs: number;
  clock: Clock;
}

const DEFAULT_LIVENESS_OPTIONS: LivenessOptions = { lostAfterMs: 10_000, everyMs: 1000, clock: SYSTEM_CLOCK };

/** One look: undefined when some node answered, else why none did. */
export type Ping = () => Promise<string | undefined>;

/**
 * PING the addresses the target names (the node, the sentinels and planned data nodes, the
 * seeds) until one answers. A scenario's own connections cannot tell "gone" from "slow": BullMQ's
 * retry for ever, and a fault under failover-test is meant to take one node away, not all.
 */
export function pingTarget(target: Target, timeoutMs = 1000): Ping {
  const nodes: [Endpoint, string | undefined][] =
    target.kind === 'standalone'
      ? [[target.node, target.password]]
      : target.kind === 'cluster'
        ? target.seeds.map((s) => [s, target.password])
        : [
            ...target.sentinels.map((s): [Endpoint, string | undefined] => [s, target.sentinelPassword]),
            ...(target.dataNodes ?? []).map((d): [Endpoint, string | undefined] => [d, target.password]),
          ];
  const opts = probeClientOptions(target, { connectTimeoutMs: timeoutMs, commandTimeoutMs: timeoutMs });
  return async () => {
    let problem = 'no node to ask';
    for (const [ep, password] of nodes) {
      try {
        await withClient(ep, password, (c) => c.call('PING'), opts);
        return undefined;
      } catch (err) {
        problem = toProbeError(err, ep, password).message;
      }
    }
    return problem;
  };
}

/**
 * Run `work` while the topology answers. It ends with one line when no node has answered for
 * `lostAfterMs` (exit 1), or at once when Ctrl-C comes while none answers (exit 130): there is
 * nothing left to clean up then, and the scenario's own clean-up would wait for ever.
 * Abandoned work is left to fail on its own; the CLI exits when the command returns.
 */
export async function whileAnswering<T>(work: Promise<T>, ping: Ping, o: { doing: string; signal?: AbortSignal } & Partial<LivenessOptions>): Promise<T> {
  const { lostAfterMs, everyMs, clock } = { ...DEFAULT_LIVENESS_OPTIONS, ...o };
  work.catch(() => undefined);
  const done = new AbortController();
  const finished = new Promise<void>((resolve) => done.signal.addEventListener('abort', () => resolve(), { once: true }));
  // The watch's sleeps end with the work (their timers cleared), so nothing outlives the scenario.
  const watchClock: Clock = { now: () => clock.now(), sleep: (ms) => Promise.race([clock.sleep(ms, done.signal), finished]) };
  let lastAnswer = clock.now();
  const watch = retryUntil(
    async () => {
      const problem = done.signal.aborted ? undefined : await ping();
      if (problem === undefined) lastAnswer = clock.now();
      return problem;
    },
    (problem) => done.signal.aborted || (problem !== undefined && (Boolean(o.signal?.aborted) || clock.now() - lastAnswer >= lostAfterMs)),
    { timeoutMs: Number.POSITIVE_INFINITY, intervalMs: everyMs, clock: watchClock },
  ).then((r): Promise<never> => {
    if (done.signal.aborted || !r.ok) return new Promise<never>(() => undefined);
    const problem = r.value ?? '';
    if (o.signal?.aborted) throw new InterruptedError(`interrupted: ${o.doing} stopped; no node answers (${problem}), so nothing could be cleaned up`);
    throw new UnreachableError(`lost the topology during ${o.doing}: no node answered for ${Math.round(lostAfterMs / 1000)} s (${problem}); stopped`);
  });
  try {
    return await Promise.race([work, watch]);
  } finally {
    done.abort();
  }
}
