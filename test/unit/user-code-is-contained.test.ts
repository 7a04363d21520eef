/**
 * src/system/user-code.ts: a user's code comes back as a value or one failure, whatever it does
 * (never settles, calls process.exit, throws later from a timer, prints to stdout), and
 * process.exit and stdout are exactly as they were afterwards, also when calls overlap.
 */
/* eslint-disable @typescript-eslint/unbound-method -- these tests compare process.exit and stream methods by identity, never call them detached */
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors/index.js';
import { runUserCode, UserCodeError, userCodeTimeoutMs, DEFAULT_USER_CODE_TIMEOUT_MS } from '../../src/system/user-code.js';

const failureOf = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => (e instanceof UserCodeError ? e.failure : e),
  );

describe('runUserCode', () => {
  it('gives the value back, with process.exit and stdout.write as they were', async () => {
    const exit = process.exit;
    const ownWrite = Object.getOwnPropertyDescriptor(process.stdout, 'write');
    expect(await runUserCode(() => Promise.resolve(42), 1000)).toBe(42);
    expect(process.exit).toBe(exit);
    expect(Object.getOwnPropertyDescriptor(process.stdout, 'write')).toEqual(ownWrite);
  });

  it('times out what never settles', async () => {
    const t0 = Date.now();
    expect(await failureOf(runUserCode(() => new Promise(() => {}), 200))).toEqual({ how: 'timeout', timeoutMs: 200 });
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  it('refuses process.exit, now or from a timer, and keeps the process alive', async () => {
    expect(await failureOf(runUserCode(() => process.exit(0), 1000))).toEqual({ how: 'exit', code: '0' });
    const later = runUserCode(async () => {
      setTimeout(() => process.exit(3), 10);
      await new Promise(() => {});
    }, 2000);
    expect(await failureOf(later)).toEqual({ how: 'exit', code: '3' });
    expect(process.exitCode ?? 0).toBe(0);
  });

  it('catches what the code throws from a timer, and values that are not errors', async () => {
    const listeners = process.listenerCount('uncaughtException');
    const boom = new Error('boom');
    const fromTimer = runUserCode(async () => {
      setTimeout(() => {
        throw boom;
      }, 10);
      await new Promise(() => {});
    }, 2000);
    expect(await failureOf(fromTimer)).toEqual({ how: 'threw', value: boom });
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- a module may reject with anything
    expect(await failureOf(runUserCode(() => Promise.reject(null), 1000))).toEqual({ how: 'threw', value: null });
    expect(process.listenerCount('uncaughtException')).toBe(listeners);
  });

  it('sends stdout to stderr while it runs, and restores both when overlapping calls end in any order', async () => {
    const exit = process.exit;
    const seen: string[] = [];
    const errWrite = process.stderr.write;
    process.stderr.write = (chunk: string) => (seen.push(String(chunk)), true);
    try {
      let release!: () => void;
      const slow = runUserCode(() => new Promise<void>((r) => (release = r)), 2000);
      await runUserCode(() => {
        process.stdout.write('from the module\n');
        return Promise.resolve();
      }, 1000);
      expect(process.exit).not.toBe(exit); // still refused: the slow call runs on
      release();
      await slow;
    } finally {
      process.stderr.write = errWrite;
    }
    expect(seen).toContain('from the module\n');
    expect(process.exit).toBe(exit);
    expect(Object.getOwnPropertyDescriptor(process.stdout, 'write')).toBeUndefined();
  });
});

describe('REDIS_ARC_MODULE_TIMEOUT_MS', () => {
  it('is a whole number of ms, or a usage error naming it', () => {
    expect(userCodeTimeoutMs({})).toBe(DEFAULT_USER_CODE_TIMEOUT_MS);
    expect(userCodeTimeoutMs({ REDIS_ARC_MODULE_TIMEOUT_MS: '2500' })).toBe(2500);
    for (const bad of ['0', '1.5', 'abc', '-1', '99999999']) expect(() => userCodeTimeoutMs({ REDIS_ARC_MODULE_TIMEOUT_MS: bad })).toThrow(UsageError);
  });
});
