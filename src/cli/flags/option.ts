import { Option, type Command } from 'commander';
import { flagsOf, type Flag, type Flags } from './define.js';
import { int } from '../options.js';

// The --help path: commander and the flag tables only (no zod, no ioredis).

/**
 * An old name of a flag: hidden from the options list, it writes the flag's own attribute, so the
 * action sees one value whichever name was typed (the last one typed wins, as for a repeated flag).
 */
class AliasOption extends Option {
  constructor(
    flags: string,
    private readonly target: string,
  ) {
    super(flags);
    this.hideHelp();
  }

  override attributeName(): string {
    return this.target;
  }
}

/** The help line: the declaration's text, and its old names. */
function helpOf(f: Flag): string {
  return f.aliases?.length ? `${f.help} (alias: ${f.aliases.join(', ')})` : f.help;
}

/** Value checks and default, shared by a flag and its aliases. */
function configure(option: Option, f: Flag, withDefault: boolean): Option {
  if (f.kind === 'int') option.argParser(int(f.min, f.max));
  if (f.kind === 'choice') option.choices(f.choices);
  if (withDefault && (f.kind === 'int' || f.kind === 'text' || f.kind === 'choice') && f.default !== undefined) option.default(f.default);
  if (f.kind === 'text' && f.required) option.makeOptionMandatory();
  return option;
}

/** The commander Options of one declaration: the flag, its `--no-` twin, its aliases (`attribute` is the table key). */
export function optionsOf(attribute: string, f: Flag): Option[] {
  const main = configure(new Option(flagsOf(f), helpOf(f)), f, true);
  if (f.conflicts) main.conflicts([...f.conflicts]);
  const negation = f.kind === 'switch' && f.negation !== undefined ? [new Option(`--no-${main.name()}`, f.negation)] : [];
  const aliases = (f.aliases ?? []).map((name) => configure(new AliasOption(flagsOf(f, name), attribute), f, false));
  return [main, ...negation, ...aliases];
}

/** Add a command's flag table to it, in the table's order (which is the order --help lists them in). */
export function addFlags(cmd: Command, flags: Flags): Command {
  for (const [attribute, f] of Object.entries(flags)) for (const option of optionsOf(attribute, f)) cmd.addOption(option);
  return cmd;
}
