/**
 * Running a user's code (a module being imported, a connection factory) so that whatever it does
 * comes back to redis-arc as a value or one failure, never as the end of the process: it is
 * bounded in time; its `process.exit()` is refused (it would end redis-arc, with the code the
 * module chose, before anything was measured); an exception it throws outside the call (a timer,
 * an unhandled rejection) is its failure, not a crash with a stack trace; and what it prints to
 * stdout goes to stderr, so that `--json` stays one JSON document.
 */
import { UsageError } from '../errors/index.js';
import { printableValue } from '../errors/printable.js';

/** How long loading a module or resolving its connection may take unless REDIS_ARC_MODULE_TIMEOUT_MS says otherwise. */
export const DEFAULT_USER_CODE_TIMEOUT_MS = 15_000;

/**
 * process.exit as it was when redis-arc started, for redis-arc's own exits (a Ctrl-C, a second
 * one, stdout lost, the end of the command): never refused, even while a user's code runs.
 */
const ownExit = process.exit.bind(process);
export function exitProcess(code: number): never {
  return ownExit(code);
}

/** What went wrong in the user's code, for the caller to say in its own words (it knows the flag and the file). */
export type UserCodeFailure = { how: 'timeout'; timeoutMs: number } | { how: 'exit'; code: string } | { how: 'threw'; value: unknown };

export class UserCodeError extends Error {
  constructor(readonly failure: UserCodeFailure) {
    super(`user code failed: ${failure.how}`);
  }
}

/** Thrown by the stand-in process.exit, so that the module's code stops where it called it. */
class ExitRefused extends Error {}

type Fail = (failure: UserCodeFailure) => void;
const active = new Set<Fail>();
let saved: { exit: PropertyDescriptor | undefined; write: PropertyDescriptor | undefined } | undefined;

/** Put back a property as it was: its own descriptor, or none (it was inherited: stdout's write). */
function restore(on: object, key: string, descriptor: PropertyDescriptor | undefined): void {
  if (descriptor) Object.defineProperty(on, key, descriptor);
  else Reflect.deleteProperty(on, key);
}

const failAll = (failure: UserCodeFailure): void => {
  for (const fail of active) fail(failure);
};

function onUncaught(err: unknown): void {
  // The stand-in's own throw, escaping from a timer: the exit was already reported.
  if (err instanceof ExitRefused) return;
  failAll({ how: 'threw', value: err });
}

/** While some user code runs: process.exit refused, uncaught errors caught, stdout sent to stderr. */
function enter(fail: Fail): void {
  if (!active.size) {
    saved = { exit: Object.getOwnPropertyDescriptor(process, 'exit'), write: Object.getOwnPropertyDescriptor(process.stdout, 'write') };
    process.exit = (code?: string | number | null): never => {
      failAll({ how: 'exit', code: code === undefined || code === null ? '' : String(code) });
      throw new ExitRefused('process.exit is refused while redis-arc runs this code');
    };
    process.stdout.write = process.stderr.write.bind(process.stderr);
    process.on('uncaughtException', onUncaught);
  }
  active.add(fail);
}

function leave(fail: Fail): void {
  active.delete(fail);
  if (active.size) return;
  if (saved) {
    restore(process, 'exit', saved.exit);
    restore(process.stdout, 'write', saved.write);
    saved = undefined;
  }
  process.off('uncaughtException', onUncaught);
}

/**
 * `run()`'s value, or a UserCodeError saying how the user's code failed: it threw (now or from
 * a timer while running), called process.exit, or took longer than `timeoutMs`. The timer keeps
 * the process alive, so a top-level await that never settles cannot let Node exit 0 silently.
 */
export async function runUserCode<T>(run: () => Promise<T> | T, timeoutMs: number): Promise<T> {
  let fail: Fail = () => undefined;
  const failed = new Promise<never>((_, reject) => {
    fail = (failure) => reject(new UserCodeError(failure));
  });
  enter(fail);
  const timer = setTimeout(() => fail({ how: 'timeout', timeoutMs }), timeoutMs);
  try {
    const attempt = (async () => run())().catch((err: unknown) => {
      throw err instanceof ExitRefused ? new UserCodeError({ how: 'exit', code: '' }) : new UserCodeError({ how: 'threw', value: err });
    });
    // A failure reported first (exit, timeout) wins over what the call does afterwards.
    attempt.catch(() => undefined);
    return await Promise.race([failed, attempt]);
  } finally {
    clearTimeout(timer);
    leave(fail);
  }
}

/** REDIS_ARC_MODULE_TIMEOUT_MS (a whole number of milliseconds, up to an hour), else the default. */
export function userCodeTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const text = env.REDIS_ARC_MODULE_TIMEOUT_MS;
  if (text === undefined || text === '') return DEFAULT_USER_CODE_TIMEOUT_MS;
  const ms = /^\d{1,7}$/.test(text.trim()) ? Number(text.trim()) : NaN;
  if (!(ms >= 1 && ms <= 3_600_000))
    throw new UsageError(
      `REDIS_ARC_MODULE_TIMEOUT_MS=${printableValue(text)}: expected a whole number of milliseconds from 1 to 3600000; unset it for ${DEFAULT_USER_CODE_TIMEOUT_MS}`,
    );
  return ms;
}
