import { CommanderError } from 'commander';
import { errorLine as firstLine } from '../errors/thrown.js';
import { ArcError, EXIT } from '../errors/index.js';
import { fsProblem, isFsError } from '../errors/fs-error.js';
import { safeLine } from '../errors/redact.js';

/** The one place that turns a thrown value into stderr output and an exit code. */
export function handleError(err: unknown, verbose: boolean): number {
  if (err instanceof CommanderError) {
    // commander already printed its message (or the help text).
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return EXIT.ok;
    return EXIT.usage;
  }
  const stack = () => {
    if (verbose && err instanceof Error && err.stack) process.stderr.write(`${safeLine(err.stack)}\n`);
  };
  if (err instanceof ArcError) {
    for (const line of err.message.split('\n')) process.stderr.write(`redis-arc: ${safeLine(line)}\n`);
    stack();
    return err.exitCode;
  }
  // A file-system error nobody caught still gets its one line: the path, what is wrong, the fix.
  if (isFsError(err) && (err.path ?? err.syscall)) {
    process.stderr.write(`redis-arc: ${safeLine(fsProblem(err.code, err.path ?? `(${err.syscall})`))}\n`);
    stack();
    return EXIT.failed;
  }
  process.stderr.write(`redis-arc: unexpected error: ${safeLine(firstLine(err))}${verbose ? '' : ' (run with --verbose for details)'}\n`);
  stack();
  return EXIT.failed;
}
