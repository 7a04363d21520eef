import { z } from 'zod';
import type { ChoiceFlag, Flag, Flags, IntFlag, SwitchFlag, TextFlag } from './define.js';

// The action path: zod fields from the same flag tables commands/ builds commander Options from.

/** The type of a flag's value once parsed. */
type ValueOf<F> = F extends IntFlag
  ? number
  : F extends ChoiceFlag
    ? F['choices'][number]
    : F extends SwitchFlag
      ? boolean
      : F extends TextFlag
        ? string
        : never;

/** Whether the parsed value is always there: a default, a required flag, or a switch that is off unless given. */
type Always<F> = F extends { default: unknown } | { required: true } ? true : F extends SwitchFlag ? (F extends { unset: 'undefined' } ? false : true) : false;

/** The zod field a declaration becomes. */
export type FieldOf<F> = Always<F> extends true ? z.ZodType<ValueOf<F>> : z.ZodOptional<z.ZodType<ValueOf<F>>>;
export type FieldsOf<T extends Flags> = { -readonly [K in keyof T]: FieldOf<T[K]> };

/**
 * The value's type and its default. Ranges and choices are commander's to check (it names the flag
 * as typed, alias or not); whole numbers stay checked here too, for a value that did not come
 * through commander.
 */
function field(f: Flag): z.ZodType {
  switch (f.kind) {
    case 'int':
      return f.default !== undefined ? z.number().int().default(f.default) : z.number().int().optional();
    case 'choice':
      return f.default !== undefined ? z.enum(f.choices).default(f.default) : z.enum(f.choices).optional();
    case 'switch':
      // `--no-auth` alone: on unless given.
      return f.unset === 'undefined' ? z.boolean().optional() : z.boolean().default(f.flags.startsWith('--no-'));
    case 'text':
      if (f.required) return z.string().min(1);
      return f.default !== undefined ? z.string().default(f.default) : z.string().optional();
  }
}

/** A command's zod shape: one field per flag of its table, typed by the declaration. */
export function fieldsOf<const T extends Flags>(flags: T): FieldsOf<T> {
  // Object.entries loses the per-key types the declarations carry; FieldOf says what each field is.
  // eslint-disable-next-line @typescript-eslint/no-unsafe-type-assertion -- field() builds each key's FieldOf; no type maps Object.fromEntries back to the keys
  return Object.fromEntries(Object.entries(flags).map(([key, f]) => [key, field(f)])) as FieldsOf<T>;
}
