/**
 * Exit codes, declared once. The "Exit codes" section of docs/commands/README.md is this table (a unit test compares
 * them) and says what each means; `failed` (1), the code of an error that names no other, covers a failed check, a
 * file, program or lock that stopped the command, and an unexpected error. src/cli/handle-error.ts is where thrown
 * errors become codes.
 */
export const EXIT = { ok: 0, failed: 1, usage: 2, unreachable: 3, cannotRun: 4, interrupted: 130 } as const;

export type ExitName = keyof typeof EXIT;
export type ExitCode = (typeof EXIT)[ExitName];

export const EXIT_MEANING: Record<ExitName, string> = {
  ok: 'done; every check passed (status: healthy)',
  failed:
    'a check failed (doctor errors, smoke problems, a failover threshold or bench regression, status degraded), or a file is bad (spec, baseline) or would be overwritten',
  usage: 'usage error in the flags or arguments',
  unreachable:
    'the topology cannot be reached or refuses the login (status down, doctor --live, a scenario before or during its run, attach addresses, passwords)',
  cannotRun:
    'the run could not happen as asked (failover-test on a degraded topology, with a fault it cannot inject there, a --fault-cmd that failed, or a --client connection that cannot work there: another kind than the topology, or no add acknowledged in the warm-up)',
  interrupted: 'interrupted by Ctrl-C or SIGTERM, after cleaning up',
};
