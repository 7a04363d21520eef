import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

/**
 * The layer tables (layers.json at the repository root, which eslint.config.js also reads):
 * src's folders bottom first, and the same rule inside src/scenarios, where `.` is the files
 * directly in scenarios/ (queue-idle, keys, environment). A scenario runs under guard/, injects
 * faults/ and watches the topology with watch/; compare runs failover and bench; bench is above
 * failover because it uses failover's `summarize` (the client profiles both use are src/profiles).
 */
const TABLES = z
  .object({ src: z.array(z.array(z.string())), 'src/scenarios': z.array(z.array(z.string())) })
  .parse(JSON.parse(readFileSync(resolve(import.meta.dirname, '../../layers.json'), 'utf8')));
const LAYERS = TABLES.src;
const SCENARIO_LAYERS = TABLES['src/scenarios'];

const SRC = resolve(import.meta.dirname, '../../src');
const SCENARIOS = join(SRC, 'scenarios');
const rankOf = (layers: string[][]) => new Map(layers.flatMap((folders, i) => folders.map((f) => [f, i] as const)));
const rank = rankOf(LAYERS);
const scenarioRank = rankOf(SCENARIO_LAYERS);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Every relative import of a file, static or dynamic, as the top folder of `root` it lands in (`.` for a file directly in it). */
function importedFolders(file: string, root = SRC): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|^import\s+)['"](\.[^'"]+)['"]/gm)].map((m) => m[1]!);
  return specifiers.map((s) => folderOf(normalize(join(dirname(file), s)), root)).filter((f): f is string => f !== undefined && (root !== SRC || f !== '.'));
}

/** The top folder of `root` a path is in, `.` for a file directly in it, undefined outside `root`. */
function folderOf(path: string, root: string): string | undefined {
  const rel = relative(root, path);
  if (rel.startsWith('..')) return undefined;
  const parts = rel.split('/');
  return parts.length > 1 ? parts[0] : '.';
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

  it('places every folder of src/scenarios in its layer table', () => {
    const folders = new Set(files.map((f) => folderOf(f, SCENARIOS)).filter((f): f is string => f !== undefined));
    expect([...folders].filter((f) => !scenarioRank.has(f))).toEqual([]);
  });

  it('has imports inside src/scenarios point only to lower layers', () => {
    const upward: string[] = [];
    for (const file of files) {
      const from = folderOf(file, SCENARIOS);
      if (from === undefined) continue;
      for (const to of importedFolders(file, SCENARIOS)) {
        const [a, b] = [scenarioRank.get(to), scenarioRank.get(from)];
        if (to !== from && a !== undefined && b !== undefined && a >= b)
          upward.push(`scenarios/${relative(SCENARIOS, file)} imports scenarios/${to} (layer ${a} >= ${b})`);
      }
    }
    expect(upward).toEqual([]);
  });
});
