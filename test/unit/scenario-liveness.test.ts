import { describe, expect, it } from 'vitest';
import { ArcError, EXIT, InterruptedError } from '../../src/errors/index.js';
import { whileAnswering, type Ping } from '../../src/scenarios/guard/liveness.js';
import { untilAborted } from '../../src/scenarios/guard/abort.js';
import type { Clock } from '../../src/wait/retry.js';

/** Time moves only when the watch sleeps. */
function fakeClock(): Clock {
  let t = 0;
  return { now: () => t, sleep: async (ms) => void (t += ms) };
}

const never = new Promise<never>(() => undefined);

describe('whileAnswering', () => {
  it('returns what the work returns while the topology answers', async () => {
    const ping: Ping = async () => undefined;
    await expect(whileAnswering(Promise.resolve(42), ping, { doing: 'smoke', clock: fakeClock() })).resolves.toBe(42);
  });

  it('ends hung work with one line once no node has answered for lostAfterMs', async () => {
    let calls = 0;
    const ping: Ping = async () => (++calls <= 3 ? undefined : '127.0.0.1:1: unreachable (connect ECONNREFUSED 127.0.0.1:1)');
    const err = await whileAnswering(never, ping, { doing: 'bench', clock: fakeClock(), lostAfterMs: 10_000, everyMs: 1000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ArcError);
    expect((err as ArcError).exitCode).toBe(EXIT.unreachable);
    expect((err as Error).message).toBe(
      'lost the topology during bench: no node answered for 10 s (127.0.0.1:1: unreachable (connect ECONNREFUSED 127.0.0.1:1)); stopped',
    );
    // Answered three times (t = 0, 1, 2 s), then silence from t = 3 s: given up at the first look 10 s after the last answer.
    expect(calls).toBe(13);
  });

  it('a short outage is not a lost topology', async () => {
    let calls = 0;
    let finish!: (v: string) => void;
    const work = new Promise<string>((resolve) => (finish = resolve));
    // Down for 5 s, then back; the work ends at the 12th look.
    const ping: Ping = async () => {
      calls++;
      if (calls === 12) finish('done');
      return calls >= 2 && calls <= 6 ? 'down' : undefined;
    };
    await expect(whileAnswering(work, ping, { doing: 'smoke', clock: fakeClock(), lostAfterMs: 10_000, everyMs: 1000 })).resolves.toBe('done');
  });

  it('Ctrl-C while nothing answers ends at the next look, exit 130', async () => {
    const abort = new AbortController();
    abort.abort();
    const ping: Ping = async () => 'gone';
    const err = await whileAnswering(never, ping, { doing: 'smoke', signal: abort.signal, clock: fakeClock() }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InterruptedError);
    expect((err as Error).message).toBe('interrupted: smoke stopped; no node answers (gone), so nothing could be cleaned up');
  });

  it('Ctrl-C while the topology answers leaves the stop to the work (it removes its queues)', async () => {
    const abort = new AbortController();
    abort.abort();
    let calls = 0;
    let finish!: (v: string) => void;
    const work = new Promise<string>((resolve) => (finish = resolve));
    const ping: Ping = async () => {
      if (++calls === 5) finish('cleaned up');
      return undefined;
    };
    await expect(whileAnswering(work, ping, { doing: 'smoke', signal: abort.signal, clock: fakeClock() })).resolves.toBe('cleaned up');
  });
});

describe('whileAnswering on the real clock', () => {
  it('leaves no timer behind once the work is done (its pause between looks is cut short)', async () => {
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    // Short timers of the tests before this one end first, so that none ends during the count (seen under load: 1 before, 0 after).
    await new Promise((r) => setTimeout(r, 200));
    const before = timers();
    const work = new Promise((r) => setTimeout(r, 50, 'done'));
    await expect(whileAnswering(work, async () => undefined, { doing: 'smoke', everyMs: 60_000 })).resolves.toBe('done');
    await new Promise((r) => setImmediate(r));
    expect(timers()).toBe(before);
  });
});

describe('untilAborted', () => {
  it('rejects at once on abort, and a later failure of the abandoned work is not an unhandled rejection', async () => {
    const abort = new AbortController();
    let fail!: (e: Error) => void;
    const work = new Promise<never>((_, reject) => (fail = reject));
    const raced = untilAborted(work, abort.signal, () => new InterruptedError('stopped'));
    abort.abort();
    await expect(raced).rejects.toThrow('stopped');
    fail(new Error('late'));
    await new Promise((r) => setTimeout(r, 10));
  });
});
