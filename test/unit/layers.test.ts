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
  ['profiles'],
  ['project'],
  ['scenarios'],
  ['report', 'testing'],
  ['cli'],
];

/**
 * The same rule inside src/scenarios, bottom first: `.` is the files directly in scenarios/
 * (queue-idle, keys, environment). A scenario runs under guard/, injects faults/ and watches
 * the topology with watch/; compare runs failover and bench; bench is above failover because it
 * uses failover's `summarize` (the client profiles both use are src/profiles).
 */
const SCENARIO_LAYERS: string[][] = [['.'], ['guard'], ['faults', 'watch'], ['failover', 'smoke'], ['bench'], ['compare'], ['results']];

const SRC = resolve(import.meta.dirname, '../../src');
const SCENARIOS = join(SRC, 'scenarios');
const rankOf = (layers: string[][]) => new Map(layers.flatMap((folders, i) => folders.map((f) => [f, i] as const)));
const rank = rankOf(LAYERS);
const scenarioRank = rankOf(SCENARIO_LAYERS);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
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
        if (to !== from && a !== undefined && b !== undefined && a >= b) upward.push(`scenarios/${relative(SCENARIOS, file)} imports scenarios/${to} (layer ${a} >= ${b})`);
      }
    }
    expect(upward).toEqual([]);
  });
});
