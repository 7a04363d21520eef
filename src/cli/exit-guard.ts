import { EXIT } from '../errors/index.js';

/**
 * The last net under "never a false green": a process that ends with code 0 before the command
 * returned ended early, and measured or wrote nothing. That happens when a user's module (a
 * `--client` connection, a `--workload` job) calls process.exit(0) during the run, or when what
 * the command awaited can no longer settle and Node, with nothing left to wait on, exits. Either
 * way the run did not pass: the exit becomes a failure, with one line saying so. Exits that chose
 * another code (a second Ctrl-C: 130) are left as they are.
 */
let finished = false;

export function guardEarlyExit(command: () => string): void {
  process.on('exit', (code) => {
    if (finished || code !== 0) return;
    process.stderr.write(
      `redis-arc: ${command()} ended before it finished (code it runs called process.exit, or left nothing to wait for); no result was measured or written\n`,
    );
    process.exitCode = EXIT.failed;
  });
}

/** The command returned (or a deliberate exit is next): its exit code stands. */
export function commandFinished(): void {
  finished = true;
}
