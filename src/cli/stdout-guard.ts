import { exitProcess } from '../system/user-code.js';
import { EXIT } from '../errors/index.js';
import { commandFinished } from './exit-guard.js';

/**
 * stdout failing ends the run with its own story, not an unhandled 'error' event and a stack trace:
 * a reader that went away (`logs -f | head`) ends it quietly with the command's exit code; a full
 * disk or /dev/full says so in one line and exits 1 (exit 0 with the output lost would mislead a script).
 */
let lost: NodeJS.ErrnoException | undefined;

export function guardStdout(): void {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (lost) return;
    lost = err;
    // A watch or a follow never returns by itself; a one-shot command finishes first with its own code.
    setTimeout(() => {
      commandFinished();
      exitProcess(stdoutExit(typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok));
    }, 200).unref();
  });
}

/** The exit code once stdout is done, given the command's own; says once why the output was lost. */
export function stdoutExit(code: number, err: NodeJS.ErrnoException | null | undefined = lost): number {
  if (!err || err.code === 'EPIPE') return code;
  if (!reported) process.stderr.write(`redis-arc: stdout: the output could not be written (${err.message}); free space where it goes or send it elsewhere\n`);
  reported = true;
  return code === EXIT.ok ? EXIT.failed : code;
}
let reported = false;
