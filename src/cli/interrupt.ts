import { exitProcess } from '../system/user-code.js';
import { EXIT, InterruptedError } from '../errors/index.js';
import { untilAborted } from '../scenarios/guard/abort.js';

export interface Interrupt {
  signal: AbortSignal;
  dispose(): void;
}

/**
 * First Ctrl-C (or SIGTERM): abort `signal` so the command stops its work and cleans up (stops
 * load, resumes what it paused, removes its queues, closes connections). A second one exits at
 * once, leaving whatever cleanup had not run.
 */
export function onInterrupt(
  doing: string,
  say: (message: string) => void = (m) => process.stderr.write(`redis-arc: ${m}\n`),
  o: { exitNow?: string } = {},
): Interrupt {
  const abort = new AbortController();
  const handler = () => {
    if (abort.signal.aborted) {
      // `exitNow` says what is left and what becomes of it: the one line of a second Ctrl-C.
      if (o.exitNow) process.stderr.write(`redis-arc: ${o.exitNow}\n`);
      exitProcess(EXIT.interrupted);
    }
    say(`interrupted: ${doing} (Ctrl-C again to exit at once)`);
    abort.abort();
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    signal: abort.signal,
    dispose() {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}

/**
 * A command's set-up (reading and checking the target: seconds against a server that says
 * nothing) with Ctrl-C / SIGTERM armed, so that it ends the command with one line and 130
 * instead of killing the process mid-way.
 */
export async function beforeStart<T>(doing: string, setUp: () => Promise<T>): Promise<T> {
  // Silent: the one line is the InterruptedError's.
  const interrupt = onInterrupt(`stopping before ${doing} started`, () => undefined);
  try {
    return await untilAborted(setUp(), interrupt.signal, () => new InterruptedError(`interrupted before ${doing} started; nothing was changed`));
  } finally {
    interrupt.dispose();
  }
}

/**
 * Armed first thing in main: Ctrl-C / SIGTERM while no command has armed its own handling (still
 * loading, parsing, or a command with nothing to clean up, such as `status --watch` or `logs -f`)
 * ends the process with the one line and 130 rather than Node's default death by the signal
 * (exit 143 for SIGTERM, no line). A command's own handler, once armed, is the one that acts.
 */
export function armBaseInterrupt(): void {
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.on(sig, () => {
      if (process.listenerCount(sig) > 1) return;
      process.stderr.write('redis-arc: interrupted\n');
      exitProcess(EXIT.interrupted);
    });
  }
}
