/**
 * What a thrown value carries, read without trusting its type: `catch (err)` gives `unknown`, and
 * Node's errors (errno codes, execa's stderr) add fields that no Error type declares.
 */

/** A field of a thrown value, when it is an object that has one; undefined otherwise. */
export function thrownField(err: unknown, key: string): unknown {
  if (typeof err !== 'object' || err === null) return undefined;
  const value: unknown = Reflect.get(err, key);
  return value;
}

/** The errno code (`ENOENT`, `EEXIST`, ...) of a thrown Node error, if it has one. */
export function errnoCode(err: unknown): string | undefined {
  const code = thrownField(err, 'code');
  return typeof code === 'string' ? code : undefined;
}

/** A string field of a thrown value (`path` of a node:fs error, `stderr` of a failed command). */
export function thrownText(err: unknown, key: string): string | undefined {
  const value = thrownField(err, key);
  return typeof value === 'string' ? value : undefined;
}

/** The message of anything thrown: an Error's message, anything else as text. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The first line of what was thrown (messages for one line of output). */
export function errorLine(err: unknown): string {
  return errorMessage(err).split('\n')[0] ?? '';
}

/** The first line of what a user's code threw, with the error's class (`TypeError: x is not a function`). */
export function namedErrorLine(err: unknown): string {
  return (err instanceof Error ? `${err.name}: ${err.message}` : String(err)).split('\n')[0] ?? '';
}
