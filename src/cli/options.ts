import { InvalidArgumentError } from 'commander';

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

/** Help text's examples block: one line each, with a comment. */
export function examples(lines: [string, string][]): string {
  const width = Math.max(...lines.map(([cmd]) => cmd.length));
  return `\nExamples:\n${lines.map(([cmd, what]) => `  $ ${cmd.padEnd(width)}  # ${what}`).join('\n')}\n`;
}
