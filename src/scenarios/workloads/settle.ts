import { setTimeout as sleep } from 'node:timers/promises';

/** Poll `done` every 200 ms until it says true, `timeoutMs` passed or `signal` aborted. */
export async function settleUntil(done: () => boolean | Promise<boolean>, timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
  const end = performance.now() + timeoutMs;
  for (;;) {
    if (await Promise.resolve(done()).catch(() => false)) return true;
    if (signal?.aborted || performance.now() >= end) return false;
    await sleep(200, undefined, signal && { signal }).catch(() => undefined);
  }
}
