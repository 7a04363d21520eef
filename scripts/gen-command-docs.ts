/**
 * Writes the reference part of docs/commands/<name>.md from the commander definitions, so the
 * docs say what --help says (test/unit/command-docs.test.ts fails when they differ). Prose below
 * the generated part is kept. Run: npx tsx scripts/gen-command-docs.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { withReference } from '../src/cli/command-docs.js';
import { buildProgram } from '../src/cli/program.js';

const DIR = resolve(import.meta.dirname, '../docs/commands');
for (const cmd of buildProgram().commands) {
  const file = join(DIR, `${cmd.name()}.md`);
  let page: string | undefined;
  try {
    page = readFileSync(file, 'utf8');
  } catch {
    page = undefined;
  }
  const next = withReference(page, cmd);
  if (next !== page) {
    writeFileSync(file, next);
    console.log(`wrote ${file}`);
  }
}
