import { setTimeout as sleep } from 'node:timers/promises';
import { CannotRunError } from '../../errors/index.js';
import { printableValue } from '../../errors/printable.js';

/**
 * How long a bench run may go without progress (a connection getting ready, a job completing)
 * before it is taken as one that will never make any: a `--client` module whose connections never
 * reach Redis left the run waiting for ever (ioredis retries, BullMQ waits).
 */
export const BENCH_STALL_MS = 10_000;

const stalled = (who: string, what: string, ms: number) =>
  new CannotRunError(
    `bench: ${what} through ${printableValue(who)} for ${ms / 1000} s: its connections never reached Redis; check the addresses, password and TLS it connects with, and its kind (sentinel, cluster, standalone)`,
  );

/** `step`, or a one-line refusal (exit 4) when it does not settle within `ms`. */
export async function withinStall<T>(step: Promise<T>, who: string, what: string, ms = BENCH_STALL_MS): Promise<T> {
  const abort = new AbortController();
  try {
    return await Promise.race([
      step,
      sleep(ms, undefined, { signal: abort.signal }).then(() => {
        throw stalled(who, what, ms);
      }),
    ]);
  } finally {
    abort.abort();
  }
}

/** A run that reports progress: refused (exit 4) once `ms` pass without any. */
export function progressWatch(who: string, what: string, ms = BENCH_STALL_MS): { progressed(): void; stalled: Promise<never>; stop(): void } {
  let last = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const stalledP = new Promise<never>((_, reject) => {
    timer = setInterval(() => {
      if (performance.now() - last > ms) reject(stalled(who, what, ms));
    }, 200);
  });
  stalledP.catch(() => undefined);
  return {
    progressed: () => (last = performance.now()),
    stalled: stalledP,
    stop: () => clearInterval(timer),
  };
}
