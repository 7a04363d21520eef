import { describe, expect, it } from 'vitest';
import { InterruptedError } from '../../src/errors/index.js';
import { waitUntilAnswering } from '../../src/probe/wait.js';
import { waitForRecovery, type RecoveryWatch } from '../../src/scenarios/failover/trial/recovery.js';
import { observed, type Watcher } from '../../src/scenarios/watch/raw-event.js';
import { waitUntilQueueIdle } from '../../src/scenarios/queue-idle.js';
import { attempt, retryUntil, type Clock } from '../../src/wait/retry.js';

/** Time that moves only when a loop sleeps; `sleeps` records every pause the loop asked for. */
function fakeClock(start = 0): Clock & { sleeps: number[]; set(ms: number): void } {
  let now = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
    set: (ms) => void (now = ms),
  };
}

describe('retryUntil', () => {
  it('stops at the first accepted value and counts attempts and elapsed time', async () => {
    const clock = fakeClock();
    let calls = 0;
    const r = await retryUntil(
      async () => ++calls,
      (n) => n >= 3,
      { timeoutMs: 1000, intervalMs: 100, clock },
    );
    expect(r).toEqual({ ok: true, value: 3, attempts: 3, elapsedMs: 200 });
    expect(clock.sleeps).toEqual([100, 100]);
  });

  it('gives up at the timeout with the last value, never sleeping past it', async () => {
    const clock = fakeClock();
    const r = await retryUntil(
      async () => 'no',
      () => false,
      { timeoutMs: 1000, intervalMs: 300, clock },
    );
    expect(r).toEqual({ ok: false, last: 'no', attempts: 5, elapsedMs: 1000 });
    // 300 + 300 + 300, then only the 100 ms that remain.
    expect(clock.sleeps).toEqual([300, 300, 300, 100]);
  });

  it('runs at least one attempt even with no time at all', async () => {
    const clock = fakeClock();
    let calls = 0;
    const r = await retryUntil(
      async () => ++calls,
      () => false,
      { timeoutMs: 0, intervalMs: 100, clock },
    );
    expect(r).toEqual({ ok: false, last: 1, attempts: 1, elapsedMs: 0 });
    const late = await retryUntil(
      async () => 'x',
      () => false,
      { timeoutMs: -50, intervalMs: 100, clock },
    );
    expect(late.attempts).toBe(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('measures the interval from the clock it was given (time spent in fn counts)', async () => {
    const clock = fakeClock();
    // Each attempt takes 40 ms of the 100 ms budget.
    const r = await retryUntil(
      async () => {
        clock.set(clock.now() + 40);
        return false;
      },
      (v) => v,
      { timeoutMs: 100, intervalMs: 30, clock },
    );
    expect(r).toMatchObject({ ok: false, attempts: 2, elapsedMs: 110 });
    expect(clock.sleeps).toEqual([30]);
  });

  it('reports every value to onAttempt before deciding', async () => {
    const clock = fakeClock();
    const seen: [string, number][] = [];
    let n = 0;
    await retryUntil(
      async () => `v${++n}`,
      (v) => v === 'v3',
      { timeoutMs: 1000, intervalMs: 10, clock, onAttempt: (v, i) => seen.push([v, i]) },
    );
    expect(seen).toEqual([
      ['v1', 1],
      ['v2', 2],
      ['v3', 3],
    ]);
  });

  it('stops after maxAttempts however much time is left', async () => {
    const clock = fakeClock();
    const r = await retryUntil(
      async () => 0,
      () => false,
      { timeoutMs: Infinity, intervalMs: 200, maxAttempts: 5, clock },
    );
    expect(r).toEqual({ ok: false, last: 0, attempts: 5, elapsedMs: 800 });
  });

  it('ends with InterruptedError when the signal aborts, before or between attempts', async () => {
    const before = new AbortController();
    before.abort();
    let calls = 0;
    await expect(
      retryUntil(
        async () => ++calls,
        () => false,
        { timeoutMs: 1000, intervalMs: 10, clock: fakeClock(), signal: before.signal },
      ),
    ).rejects.toBeInstanceOf(InterruptedError);
    expect(calls).toBe(0);

    const during = new AbortController();
    const r = retryUntil(
      async () => {
        if (++calls === 3) during.abort();
        return calls;
      },
      () => false,
      { timeoutMs: 1000, intervalMs: 10, clock: fakeClock(), signal: during.signal },
    );
    await expect(r).rejects.toBeInstanceOf(InterruptedError);
    expect(calls).toBe(3);
  });

  it('wakes from a real pause as soon as the signal aborts', async () => {
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 20);
    const t0 = performance.now();
    await expect(
      retryUntil(
        async () => 0,
        () => false,
        { timeoutMs: 60_000, intervalMs: 30_000, signal: ac.signal },
      ),
    ).rejects.toBeInstanceOf(InterruptedError);
    expect(performance.now() - t0).toBeLessThan(5000);
  });

  it('lets a thrown error end the loop, and `attempt` turn it into a value to poll again', async () => {
    const boom = new Error('boom');
    await expect(
      retryUntil(
        async () => Promise.reject(boom),
        () => true,
        { timeoutMs: 100, intervalMs: 10, clock: fakeClock() },
      ),
    ).rejects.toBe(boom);
    let calls = 0;
    const r = await retryUntil(
      attempt(async () => {
        if (++calls < 3) throw boom;
        return 'ok';
      }),
      (a) => a.ok,
      { timeoutMs: 100, intervalMs: 10, clock: fakeClock() },
    );
    expect(r).toMatchObject({ ok: true, value: { ok: true, value: 'ok' }, attempts: 3 });
  });
});

describe('waitUntilQueueIdle', () => {
  it('is true once the count reaches 0, polling past unknown counts', async () => {
    const counts = [3, undefined, 1, 0];
    const clock = fakeClock();
    expect(await waitUntilQueueIdle(async () => counts.shift(), { timeoutMs: 1000, intervalMs: 50, clock })).toBe(true);
    expect(clock.sleeps).toEqual([50, 50, 50]);
  });

  it('is false at the timeout while jobs remain, and true (quietly) when interrupted', async () => {
    expect(await waitUntilQueueIdle(async () => 2, { timeoutMs: 200, intervalMs: 50, clock: fakeClock() })).toBe(false);
    const ac = new AbortController();
    let calls = 0;
    const idle = await waitUntilQueueIdle(
      async () => {
        if (++calls === 2) ac.abort();
        return 5;
      },
      { timeoutMs: 10_000, intervalMs: 50, clock: fakeClock(), signal: ac.signal },
    );
    expect(idle).toBe(true);
    expect(calls).toBe(2);
  });
});

describe('waitForRecovery', () => {
  const watcher = (): Watcher & { events: ReturnType<typeof observed>[] } => ({ events: [], stop: async () => {} });

  function watch(clock: ReturnType<typeof fakeClock>, over: Partial<RecoveryWatch> = {}): RecoveryWatch & { said: string[] } {
    const said: string[] = [];
    return {
      t0: 1000,
      fault: 'kill',
      injected: { heal: async () => {} },
      expectPromotion: false,
      watchers: [],
      // Writes and completions flow: their last one is always "just now".
      lastAckAt: () => clock.now(),
      lastCompletionAt: () => clock.now(),
      maxRecoveryMs: 30_000,
      settleMs: 500,
      say: (m) => said.push(m),
      clock,
      said,
      ...over,
    };
  }

  it('returns once writes and completions have flowed for settleMs', async () => {
    const clock = fakeClock(1000);
    const w = watch(clock);
    await waitForRecovery(w);
    // At t0 itself nothing counts as flowing yet (only events after t0 do): recovery starts at 1100.
    expect(clock.now()).toBe(1600);
    expect(w.said).toEqual(['waiting for writes', 'settling', 'settling', 'settling', 'settling', 'settling']);
  });

  it('waits for the promotion when one is expected, then settles', async () => {
    const clock = fakeClock(1000);
    const sentinel = watcher();
    const w = watch(clock, { expectPromotion: true, watchers: [sentinel] });
    const promoteAt = 1800;
    const done = waitForRecovery({
      ...w,
      say: (m) => {
        w.say(m);
        if (clock.now() >= promoteAt && sentinel.events.length === 0) sentinel.events.push({ ...observed('+switch-master', 's1', 'x'), at: clock.now() });
      },
    });
    await done;
    expect(w.said.filter((m) => m === 'waiting for a promotion')).toHaveLength(9);
    expect(clock.now()).toBe(1800 + 100 + 500);
  });

  it('gives up maxRecoveryMs after t0 when nothing flows', async () => {
    const clock = fakeClock(1000);
    const w = watch(clock, { lastAckAt: () => undefined, maxRecoveryMs: 1000 });
    await waitForRecovery(w);
    expect(clock.now()).toBe(2000);
    expect(new Set(w.said)).toEqual(new Set(['waiting for writes']));
  });
});

describe('waitUntilAnswering', () => {
  it('is false when nothing answers in time, and asks again at every interval', async () => {
    const clock = fakeClock();
    let tries = 0;
    // Port 1 on loopback: refused at once.
    const answered = await waitUntilAnswering({ host: '127.0.0.1', port: 1 }, undefined, {
      timeoutMs: 100,
      intervalMs: 20,
      clock,
      beforeAttempt: () => void tries++,
    });
    expect(answered).toBe(false);
    expect(tries).toBe(6);
  });

  it('ends early when beforeAttempt throws (the process died)', async () => {
    const died = new Error('exited (1) right after starting');
    await expect(
      waitUntilAnswering({ host: '127.0.0.1', port: 1 }, undefined, {
        timeoutMs: 10_000,
        intervalMs: 20,
        clock: fakeClock(),
        beforeAttempt: () => {
          throw died;
        },
      }),
    ).rejects.toBe(died);
  });
});
