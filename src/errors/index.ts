/**
 * Typed errors, mapped to exit codes in one place (src/cli/handle-error.ts).
 * 0 ok · 1 check failed / bad input · 2 usage error · 130 interrupted.
 */
export const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const;

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

/** A file the user wrote would be overwritten. */
export class WouldOverwriteError extends ArcError {
  constructor(readonly paths: string[]) {
    super(
      `refusing to overwrite ${paths.length === 1 ? paths[0] : `${paths.length} files (${paths.join(', ')})`}; pass --force to replace`,
    );
  }
}

/** Ctrl-C / SIGTERM stopped the work; what was cleaned up is in the message. */
export class InterruptedError extends ArcError {
  constructor(message = 'interrupted') {
    super(message, EXIT.interrupted);
  }
}
