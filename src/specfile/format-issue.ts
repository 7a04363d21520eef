import { closest, distance } from 'fastest-levenshtein';
import type { z } from 'zod';
import { printableValue } from '../errors/printable.js';

/** Turn one zod issue into the message after `path: ` — short, with the value the user wrote. */
export function formatIssue(issue: z.core.$ZodIssue, input: unknown, knownKeys: (path: PropertyKey[]) => string[]): string {
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys
        .map((key) => {
          const known = knownKeys(issue.path);
          const guess = known.length ? closest(key, known) : undefined;
          const hint = guess && similar(key, guess) ? ` (did you mean '${guess}'?)` : ` (known keys: ${known.join(', ')})`;
          return `unknown key${hint}`;
        })
        .join('; ');
    case 'invalid_value':
      if (input === undefined) return `is required: one of ${issue.values.map(String).join(', ')}`;
      return `${show(input)} is not one of ${issue.values.map(String).join(', ')}`;
    case 'invalid_type':
      if (input === undefined) return `is required (${issue.expected})`;
      return `expected ${EXPECTED[issue.expected] ?? issue.expected}, got ${show(input)}`;
    case 'too_small':
      return `${show(input)} is less than the minimum ${String(issue.minimum)}`;
    case 'too_big':
      return `${show(input)} is more than the maximum ${String(issue.maximum)}`;
    case 'invalid_format':
      return `${show(input)}: ${issue.message}`;
    default:
      return issue.message;
  }
}

function similar(a: string, b: string): boolean {
  // Suggest only when the guess shares most letters; a wild guess is worse than the list.
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  return la.includes(lb) || lb.includes(la) || editDistanceAtMost(la, lb, Math.max(2, Math.floor(b.length / 3)));
}

function editDistanceAtMost(a: string, b: string, max: number): boolean {
  return Math.abs(a.length - b.length) <= max && distance(a, b) <= max;
}

const EXPECTED: Record<string, string> = {
  number: 'a whole number',
  int: 'a whole number',
  object: 'a mapping',
  boolean: 'true or false',
  string: 'text',
};

export function show(value: unknown): string {
  // Printed safely: a value from the file must not drive the terminal or start a second line.
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return `'${printableValue(value)}'`;
    case 'number':
      if (!Number.isFinite(value)) return `${String(value)} (a number too large to hold)`;
      return Object.is(value, -0) ? '-0' : String(value);
    case 'object':
      return Array.isArray(value) ? 'a list' : 'a mapping';
    case 'bigint':
    case 'boolean':
    case 'symbol':
    case 'undefined':
    case 'function':
      return String(value);
  }
  // Not reached (typeof has no other answers), but TypeScript does not narrow an unknown that far.
  return 'a value';
}
