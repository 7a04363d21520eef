/** Outside text is printed so a terminal shows it and does not obey it. */
import { describe, expect, it } from 'vitest';
import { printable, printableValue } from '../../src/errors/printable.js';

describe('printable', () => {
  it('escapes escape sequences, C1 controls and bidi overrides, keeps tabs and newlines', () => {
    expect(printable('a\u001b[31mred\tb\nc\u0085\u202ed\u0000')).toBe('a\\e[31mred\tb\nc\\x85\\u{202e}d\\x00');
  });

  it('escapes newlines too in a quoted value, so it never starts a second line', () => {
    expect(printableValue('x\ny\r\tz')).toBe('x\\ny\\r\\tz');
  });
});
