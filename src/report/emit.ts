/**
 * The one output path for a command's result: with --json the result as JSON on stdout (scripts
 * parse it; `toJson` picks its machine-readable form when that differs), otherwise `print`
 * renders it for people.
 */
export function emit<T>(result: T, how: { json: boolean; print: (result: T) => void; toJson?: (result: T) => unknown }): void {
  if (how.json) process.stdout.write(`${JSON.stringify(how.toJson ? how.toJson(result) : result, null, 2)}\n`);
  else how.print(result);
}
