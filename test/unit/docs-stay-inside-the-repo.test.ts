import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLAIMS } from '../../src/scenarios/compare/claims.js';

/*
 * The repository stands alone: a document links or names only files inside it, and the seed
 * analysis `compare` quotes by line number is a copy in docs/seed/ whose cited lines say what
 * the claims quote.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const SEED = join(ROOT, 'docs/seed/ARC-012-event-management-and-redis.md');

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? markdownFiles(join(dir, e.name)) : e.name.endsWith('.md') ? [join(dir, e.name)] : [],
  );
}

describe('documents stay inside the repository', () => {
  const files = [join(ROOT, 'README.md'), ...markdownFiles(join(ROOT, 'docs'))].filter((f) => !f.startsWith(join(ROOT, 'docs/seed/ARC-012')));

  it('every relative link and every `../` path a document names resolves to a file in the repository', () => {
    const outside: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const links = [...text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)].map((m) => m[1]!).filter((l) => !/^[a-z]+:/i.test(l));
      const named = [...text.matchAll(/`(\.\.\/[^`\s]+)`/g)].map((m) => m[1]!);
      for (const target of [...links, ...named]) {
        const path = resolve(dirname(file), target);
        const where = `${relative(ROOT, file)} -> ${target}`;
        if (relative(ROOT, path).startsWith('..') || !existsSync(path)) outside.push(where);
      }
    }
    expect(outside).toEqual([]);
  });

  it('each line of the seed analysis a compare claim cites says what the claim quotes', () => {
    const lines = readFileSync(SEED, 'utf8').split('\n');
    for (const { claim, source } of Object.values(CLAIMS)) {
      const cited = /^ARC-012:([\d,]+) /.exec(source)?.[1]?.split(',').map(Number) ?? [];
      expect(cited.length, source).toBeGreaterThan(0);
      const text = cited.map((n) => lines[n - 1] ?? '').join(' ');
      // Every longer word of the claim (the table's column names aside) is on the cited lines.
      const words = claim.match(/[A-Za-z-]{5,}/g)!.filter((w) => !['Sentinel', 'Cluster'].includes(w));
      for (const word of words) expect(text, `${source}: ${claim}`).toContain(word);
    }
  });
});
