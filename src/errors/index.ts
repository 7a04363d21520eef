import { EXIT } from './exit-codes.js';

/** Typed errors, each carrying its exit code (the table is in exit-codes.ts). */
export { EXIT, EXIT_MEANING, type ExitCode, type ExitName } from './exit-codes.js';

export class ArcError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failed,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Bad redis-arc.yaml: one line per problem, each naming the YAML path. */
export class SpecError extends ArcError {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(problems.join('\n'));
  }
}

/** Bad flags or arguments. */
export class UsageError extends ArcError {
  constructor(message: string) {
    super(message, EXIT.usage);
  }
}

/** The topology does not answer, or refuses the login. */
export class UnreachableError extends ArcError {
  constructor(message: string) {
    super(message, EXIT.unreachable);
  }
}

/** The run cannot happen as asked (a fault that cannot be injected here, a topology not healthy enough to start). */
export class CannotRunError extends ArcError {
  constructor(message: string) {
    super(message, EXIT.cannotRun);
  }
}

/** A file the user wrote would be overwritten. */
export class WouldOverwriteError extends ArcError {
  constructor(readonly paths: string[]) {
    super(`refusing to overwrite ${paths.length === 1 ? paths[0] : `${paths.length} files (${paths.join(', ')})`}; pass --force to replace`);
  }
}

/** Ctrl-C / SIGTERM stopped the work; what was cleaned up is in the message. */
export class InterruptedError extends ArcError {
  constructor(message = 'interrupted') {
    super(message, EXIT.interrupted);
  }
}
