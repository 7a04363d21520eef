/** Exit codes are declared once: one code per meaning, and docs/commands/README.md documents exactly that table. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT, EXIT_MEANING } from '../../src/errors/index.js';

describe('exit codes', () => {
  it('gives every meaning its own code', () => {
    const codes = Object.values(EXIT);
    expect(new Set(codes).size).toBe(codes.length);
    expect(Object.keys(EXIT_MEANING).sort()).toEqual(Object.keys(EXIT).sort());
  });

  it("is the commands page's Exit codes table, row for row", () => {
    const page = readFileSync(resolve(import.meta.dirname, '../../docs/commands/README.md'), 'utf8');
    const section = page.split('## Exit codes')[1]?.split('\n## ')[0] ?? '';
    const rows = [...section.matchAll(/^\| (\d+) \| (.+) \|$/gm)].map((m) => [Number(m[1]), m[2]]);
    const expected = Object.entries(EXIT).map(([name, code]) => [code, EXIT_MEANING[name as keyof typeof EXIT]]);
    expect(rows).toEqual(expected);
  });
});
