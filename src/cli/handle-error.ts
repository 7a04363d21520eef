import { CommanderError } from 'commander';
import { ArcError, EXIT } from '../errors/index.js';
import { fsProblem, isFsError } from '../errors/fs-error.js';
import { safeLine as errorLine } from '../errors/redact.js';

/** The one place that turns a thrown value into stderr output and an exit code. */
export function handleError(err: unknown, verbose: boolean): number {
  if (err instanceof CommanderError) {
    // commander already printed its message (or the help text).
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return EXIT.ok;
    return EXIT.usage;
  }
  const stack = () => {
    if (verbose && err instanceof Error && err.stack) process.stderr.write(`${errorLine(err.stack)}\n`);
  };
  if (err instanceof ArcError) {
    for (const line of err.message.split('\n')) process.stderr.write(`redis-arc: ${errorLine(line)}\n`);
    stack();
    return err.exitCode;
  }
  // A file-system error nobody caught still gets its one line: the path, what is wrong, the fix.
  if (isFsError(err) && (err.path ?? err.syscall)) {
    process.stderr.write(`redis-arc: ${errorLine(fsProblem(err.code, err.path ?? `(${err.syscall})`))}\n`);
    stack();
    return EXIT.failed;
  }
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`redis-arc: unexpected error: ${errorLine(message.split('\n')[0] ?? '')}${verbose ? '' : ' (run with --verbose for details)'}\n`);
  stack();
  return EXIT.failed;
}
