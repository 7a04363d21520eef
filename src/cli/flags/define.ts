/**
 * One declaration per CLI flag: its name, help, range or choices, default and unit. A command's
 * table of these (flags/<command>.ts) is all it says about its flags: `option.ts` makes the
 * commander Options from it (what `--help` shows and commander checks), `field.ts` the zod fields
 * (the typed options the action reads). A table's key is the flag's commander attribute name
 * (`--warmup-ms` → `warmupMs`); test/unit/cli-options.test.ts checks it.
 *
 * Imports nothing: the `--help` path loads these tables and commander, never zod.
 */

/** The unit of a duration flag: it gives the value's placeholder, and a flag in ms says so in its name (`--warmup-ms`). */
export type Unit = 'ms' | 'seconds';

interface FlagBase {
  /** commander's flags: `--trials <n>`, `-n, --lines <n>`; for a flag with a unit, the name only (`--warmup-ms`). */
  readonly flags: string;
  readonly help: string;
  /** Older names still accepted: hidden options that set the same value, named in the help text. */
  readonly aliases?: readonly string[];
  /** Attribute names of the flags this one cannot be given with (commander refuses the pair). */
  readonly conflicts?: readonly string[];
}

/** A whole number within [min, max] (commander refuses one outside, in its own words). */
export interface IntFlag extends FlagBase {
  readonly kind: 'int';
  readonly min: number;
  readonly max: number;
  readonly default?: number;
  readonly unit?: Unit;
}

/** A string value: a file, a name, a list parsed later. */
export interface TextFlag extends FlagBase {
  readonly kind: 'text';
  readonly default?: string;
  /** commander refuses the command without it. */
  readonly required?: true;
}

export interface ChoiceFlag<C extends string = string> extends FlagBase {
  readonly kind: 'choice';
  readonly choices: readonly C[];
  readonly default?: C;
}

/**
 * On or off. `--no-auth` alone is on unless given; `--force` off unless given. With `negation`
 * the flag has a `--no-` twin (that help text); `unset: 'undefined'` leaves it undefined when
 * neither is given (doctor's `--live`: "when it answers").
 */
export interface SwitchFlag extends FlagBase {
  readonly kind: 'switch';
  readonly negation?: string;
  readonly unset?: 'undefined';
}

export type Flag = IntFlag | TextFlag | ChoiceFlag | SwitchFlag;
export type Flags = Readonly<Record<string, Flag>>;

// Constructors: each keeps its declaration's exact type (whether it has a default), which decides
// whether the zod field is optional.
export const int = <const F extends Omit<IntFlag, 'kind'>>(f: F): F & { kind: 'int' } => ({ ...f, kind: 'int' });
export const text = <const F extends Omit<TextFlag, 'kind'>>(f: F): F & { kind: 'text' } => ({ ...f, kind: 'text' });
export const choice = <const F extends Omit<ChoiceFlag, 'kind'>>(f: F & { readonly default?: F['choices'][number] }): F & { kind: 'choice' } => ({
  ...f,
  kind: 'choice',
});
export const toggle = <const F extends Omit<SwitchFlag, 'kind'>>(f: F): F & { kind: 'switch' } => ({ ...f, kind: 'switch' });

/** The placeholder of a flag's value: its unit's name, or what `flags` says. */
const UNIT_PLACEHOLDER: Record<Unit, string> = { ms: '<ms>', seconds: '<seconds>' };

/** commander's flags string of a declaration (or of one of its aliases): a unit adds its placeholder. */
export function flagsOf(f: Flag, name = f.flags): string {
  if (f.kind === 'int' && f.unit) return `${name} ${UNIT_PLACEHOLDER[f.unit]}`;
  if (name === f.flags) return name;
  // An alias takes the value the way the flag does: `--warmup <ms>` beside `--warmup-ms <ms>`.
  const value = /\s([<[].*)$/.exec(f.flags)?.[1];
  return value ? `${name} ${value}` : name;
}
