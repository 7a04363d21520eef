import { InvalidArgumentError, Option } from 'commander';
import { DEFAULT_CLUSTER_PREFIX, DEFAULT_PREFIX } from '../connect/queue-prefix.js';
import { RUNTIME_CHOICES } from '../runtime/choices.js';
import { DEFAULT_SPEC_FILE } from '../specfile/defaults.js';

// Command definitions import this file, so it imports nothing heavy (no ioredis, no zod): --help stays fast.

/** A commander parser for whole numbers within [min, max]. */
export function int(min: number, max: number) {
  return (value: string): number => {
    if (!/^-?\d+$/.test(value.trim())) throw new InvalidArgumentError(`expected a whole number, got '${value}'`);
    const n = Number(value);
    // The value as typed: a huge one would otherwise be echoed as 1e+23.
    if (n < min || n > max) throw new InvalidArgumentError(`${value.trim()} is out of range (${min}-${max})`);
    return n;
  };
}

export const specOption = () => new Option('--spec <file>', 'the topology spec').default(DEFAULT_SPEC_FILE);
export const jsonOption = () => new Option('--json', 'print the result as JSON on stdout');
export const runtimeOption = (what = 'where nodes run') => new Option('--runtime <runtime>', what).choices(RUNTIME_CHOICES).default('auto');
export const prefixOption = () => new Option('--prefix <prefix>', `queue key prefix (default '${DEFAULT_PREFIX}'; '${DEFAULT_CLUSTER_PREFIX}' on a cluster)`);

/** A duration flag given in seconds whose default is kept in milliseconds. */
export const seconds = (ms: number): number => ms / 1000;

/** Help text's examples block: one line each, with a comment. */
export function examples(lines: [string, string][]): string {
  const width = Math.max(...lines.map(([cmd]) => cmd.length));
  return `\nExamples:\n${lines.map(([cmd, what]) => `  $ ${cmd.padEnd(width)}  # ${what}`).join('\n')}\n`;
}
