/**
 * Text that came from the user or the outside world (file names, spec values, flags, log lines)
 * printed so a terminal shows it and does not obey it: control characters, escape sequences,
 * C1 controls and the bidirectional overrides become visible `\xHH` / `\u{…}` escapes.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/gu;
// eslint-disable-next-line no-control-regex
const UNSAFE_OR_NEWLINE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/gu;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u001b': '\\e' };

function escapeChar(c: string): string {
  const named = NAMED[c];
  if (named) return named;
  // Every character UNSAFE matches is in the BMP: one UTF-16 unit, so its char code is its code point.
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
}

/** One line of output made safe; tabs (they only move the cursor right) and newlines are kept, UNSAFE leaves them out. */
export function printable(line: string): string {
  return line.replace(UNSAFE, escapeChar);
}

/** A value quoted inside a message: also its newlines escaped, so it never starts a second line. */
export function printableValue(value: string): string {
  return value.replace(UNSAFE_OR_NEWLINE, escapeChar);
}
