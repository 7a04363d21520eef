import { InvalidArgumentError, Option } from 'commander';

/** A commander parser for whole numbers within [min, max]. */
export function int(min: number, max: number) {
  return (value: string): number => {
    if (!/^-?\d+$/.test(value.trim())) throw new InvalidArgumentError(`expected a whole number, got '${value}'`);
    const n = Number(value);
    if (n < min || n > max) throw new InvalidArgumentError(`${n} is out of range (${min}-${max})`);
    return n;
  };
}

export const specOption = () => new Option('--spec <file>', 'the topology spec').default('redis-arc.yaml');
export const jsonOption = () => new Option('--json', 'print the result as JSON on stdout');

/** Help text's examples block: one line each, with a comment. */
export function examples(lines: [string, string][]): string {
  const width = Math.max(...lines.map(([cmd]) => cmd.length));
  return `\nExamples:\n${lines.map(([cmd, what]) => `  $ ${cmd.padEnd(width)}  # ${what}`).join('\n')}\n`;
}
