import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layer order of docs/ARCHITECTURE.md, bottom first. A folder may import any folder on a
 * lower line, never one on its own line or above: so imports only point down and no two folders
 * import each other.
 */
const LAYERS: string[][] = [
  ['errors', 'client'],
  ['system', 'wait'],
  ['specfile', 'lock'],
  ['topology', 'ports'],
  ['redis'],
  ['render', 'probe', 'network'],
  ['connect', 'security'],
  ['runtime'],
  ['events', 'doctor'],
  ['project'],
  ['scenarios'],
  ['report', 'testing'],
  ['cli'],
];

const SRC = resolve(import.meta.dirname, '../../src');
const rank = new Map(LAYERS.flatMap((folders, i) => folders.map((f) => [f, i] as const)));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** Every relative import of a file, static or dynamic, as the top folder of src it lands in. */
function importedFolders(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|^import\s+)['"](\.[^'"]+)['"]/gm)].map((m) => m[1]!);
  return specifiers.map((s) => relative(SRC, normalize(join(dirname(file), s))).split('/')[0]!).filter((f) => f && !f.startsWith('..') && !f.endsWith('.ts') && !f.endsWith('.js'));
}

describe('layers', () => {
  const files = sourceFiles(SRC);

  it('places every folder of src in the layer table', () => {
    const folders = new Set(files.map((f) => relative(SRC, f).split('/')[0]!).filter((f) => !f.endsWith('.ts')));
    expect([...folders].filter((f) => !rank.has(f))).toEqual([]);
  });

  it('has imports point only to lower layers', () => {
    const upward: string[] = [];
    for (const file of files) {
      const from = relative(SRC, file).split('/')[0]!;
      for (const to of importedFolders(file)) {
        if (to !== from && rank.get(to)! >= rank.get(from)!) upward.push(`${relative(SRC, file)} imports ${to} (layer ${rank.get(to)} >= ${rank.get(from)})`);
      }
    }
    expect(upward).toEqual([]);
  });
});
