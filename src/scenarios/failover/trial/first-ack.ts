import { setTimeout as sleep } from 'node:timers/promises';
import { CannotRunError } from '../../../errors/index.js';
import { printableValue } from '../../../errors/printable.js';
import { redact } from '../../../errors/redact.js';
import type { FixedRateLoad } from '../load/load.js';

/**
 * How long past `--warmup` a trial waits for the first acknowledged add: a short warm-up (or 0)
 * still faults a load that flows, and connections that need a moment (TLS, a sentinel lookup)
 * get it. Past this, the connections are taken as never reaching Redis.
 */
export const FIRST_ACK_GRACE_MS = 10_000;

/**
 * The fault is injected only into a load that Redis acknowledges: with none acknowledged the
 * trial would kill a master for nothing, then wait out --max-recovery and blame the failover
 * ("writes-stuck") for connections that never worked. Refused with one line (exit 4) instead.
 */
export async function expectFirstAck(load: FixedRateLoad, who: string, warmupMs: number, signal?: AbortSignal): Promise<void> {
  const until = performance.now() + FIRST_ACK_GRACE_MS;
  while (load.lastAckAt === undefined && performance.now() < until && !signal?.aborted) {
    await sleep(50, undefined, { signal }).catch(() => undefined);
  }
  if (load.lastAckAt !== undefined || signal?.aborted) return;
  const records = [...load.records.values()];
  const failed = records.filter((r) => r.error !== undefined);
  const firstError = failed[0]?.error;
  const what = firstError
    ? `${failed.length} of ${records.length} adds failed, the first with: ${printableValue(redact(firstError.split('\n')[0] ?? '')).slice(0, 200)}`
    : `${records.length} adds sent, none answered`;
  throw new CannotRunError(
    `no add was acknowledged in the warm-up (${warmupMs} ms, then ${FIRST_ACK_GRACE_MS / 1000} s more) through ${who} (${what}); ` +
      `its connections never reached Redis: check the addresses, password and TLS it connects with, and its kind (sentinel, cluster, standalone). The fault was not injected`,
  );
}
