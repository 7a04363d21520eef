import { stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { isMap, isScalar, type Document } from 'yaml';
import { z } from 'zod';
import { SpecError, ArcError } from '../errors/index.js';
import { fsError, readUserFile } from '../errors/fs-error.js';
import { printableValue } from '../errors/printable.js';
import { errnoCode } from '../errors/thrown.js';
import { isSymlink } from '../system/fs.js';
import { DEFAULT_PORT_BASE, DEFAULT_SPEC_FILE } from './defaults.js';
import { formatIssue } from './format-issue.js';
import { outsidePathProblems } from './paths.js';
import { crossFieldProblems } from './rules.js';
import { clusterSchema, sentinelSchema, specSchema } from './schema.js';
import type { Spec } from './spec.js';
import { MAX_SPEC_BYTES, readSpecDocument } from './yaml-doc.js';

export { DEFAULT_SPEC_FILE };

/** Problem lines printed for one spec; a file of thousands of mistakes is wrong as a whole. */
const MAX_PROBLEM_LINES = 20;

/** Read, parse and validate a spec file. Every problem becomes one line of a SpecError. */
export async function loadSpec(file: string): Promise<Spec> {
  let text: string;
  try {
    const size = (await stat(file)).size;
    if (size > MAX_SPEC_BYTES)
      throw new SpecError(file, [`${basename(file)}: ${size} bytes is too large for a spec (at most ${MAX_SPEC_BYTES}); is this the right file?`]);
    text = (await readUserFile(file)).toString('utf8');
  } catch (err) {
    if (err instanceof SpecError) throw err;
    const code = errnoCode(err);
    if (code === 'ENOENT' && !isSymlink(file)) {
      throw new ArcError(`${file}: no such spec; run \`redis-arc init sentinel\` here or pass --spec FILE`);
    }
    if (code === 'EISDIR') throw new ArcError(`${file}: is a folder; pass the spec file itself, e.g. --spec ${file}/redis-arc.yaml`);
    throw fsError(err, file, 'the spec');
  }
  return parseSpec(text, file);
}

export function parseSpec(text: string, file = DEFAULT_SPEC_FILE): Spec {
  const label = basename(file);
  const { raw, doc, where } = readSpecDocument(text, file, label);
  if (raw === null || raw === undefined) {
    throw new SpecError(file, [`${label}: the spec is empty; it needs at least \`kind: standalone | sentinel | cluster\``]);
  }
  if (!isMap(doc.contents)) {
    throw new SpecError(file, [
      `${label}: expected a mapping of keys (kind, name, ...) at the top, got ${typeof raw === 'object' ? 'a list' : 'a single value'}`,
    ]);
  }

  const parsed = parseKeepingText(raw, doc);
  const sectionProblems = misplacedSections(raw);
  if (!parsed.success || sectionProblems.length) {
    const problems = (parsed.success ? [] : parsed.error.issues).flatMap((issue) => {
      if (issue.code === 'unrecognized_keys') {
        // One line per unknown key, each at its own line of the file.
        return issue.keys.map((key) => {
          const path = [...issue.path, key];
          return `${where(path)}${dotted(path)}: ${formatIssue({ ...issue, keys: [key] }, undefined, knownKeysAt)}`;
        });
      }
      return [`${where(issue.path)}${dotted(issue.path)}: ${formatIssue(issue, valueAt(raw, issue.path), knownKeysAt)}`];
    });
    for (const p of sectionProblems) problems.push(`${where([p.path])}${p.path}: ${p.message}`);
    throw new SpecError(file, capped(onePerPath(problems)));
  }

  const value = parsed.data;
  const spec: Spec = {
    ...value,
    ports: { base: value.ports.base ?? DEFAULT_PORT_BASE[value.kind], sentinelBase: value.ports.sentinelBase },
    sentinel: value.kind === 'sentinel' ? (value.sentinel ?? sentinelSchema.parse({})) : undefined,
    cluster: value.kind === 'cluster' ? (value.cluster ?? clusterSchema.parse({})) : undefined,
  };
  const problems = [...crossFieldProblems(spec), ...outsidePathProblems(spec, dirname(resolve(file)))];
  if (problems.length) {
    throw new SpecError(
      file,
      problems.map((p) => `${where(p.path.split('.'))}${p.path}: ${p.message}`),
    );
  }
  return spec;
}

/**
 * YAML reads a bare `name: 007` as the number 7 and `user: true` as a boolean. Where the schema
 * wants text and the file has a bare scalar, the text as written is what the user meant: parse
 * again with it (once; a quoted or non-scalar value is left to fail with its own line).
 */
function parseKeepingText(raw: unknown, doc: Document) {
  const first = specSchema.safeParse(raw);
  if (first.success) return first;
  let changed = false;
  for (const issue of first.error.issues) {
    if (issue.code !== 'invalid_type' || issue.expected !== 'string') continue;
    const node = doc.getIn(issue.path, true);
    if (!isScalar(node) || node.type !== 'PLAIN' || typeof node.source !== 'string') continue;
    if (typeof node.value !== 'number' && typeof node.value !== 'boolean') continue;
    if (setAt(raw, issue.path, node.source)) changed = true;
  }
  return changed ? specSchema.safeParse(raw) : first;
}

function setAt(root: unknown, path: PropertyKey[], value: string): boolean {
  const parent = valueAt(root, path.slice(0, -1));
  const key = path.at(-1);
  if (parent === null || typeof parent !== 'object' || key === undefined) return false;
  return Reflect.set(parent, key, value);
}

/** `sentinel:` under kind cluster (and the reverse) is a mistake worth naming, not a silent ignore. */
function misplacedSections(raw: object): { path: string; message: string }[] {
  const kind = valueAt(raw, ['kind']);
  const out: { path: string; message: string }[] = [];
  for (const section of ['sentinel', 'cluster'] as const) {
    if (valueAt(raw, [section]) !== undefined && typeof kind === 'string' && kind !== section && ['standalone', 'sentinel', 'cluster'].includes(kind)) {
      out.push({ path: section, message: `only used when kind is ${section} (kind is ${kind}); remove it or change kind` });
    }
  }
  return out;
}

function knownKeysAt(path: PropertyKey[]): string[] {
  let schema: z.ZodType = specSchema;
  for (const key of path) {
    schema = unwrap(schema);
    if (!(schema instanceof z.ZodObject)) return [];
    const shape: Readonly<Record<string, unknown>> = schema.def.shape;
    const next = shape[String(key)];
    if (!(next instanceof z.ZodType)) return [];
    schema = next;
  }
  schema = unwrap(schema);
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

function unwrap(schema: z.ZodType): z.ZodType {
  let s: z.ZodType = schema;
  // default/prefault/optional wrap the object schema; peel them off.
  for (let i = 0; i < 5; i++) {
    const def = s._zod.def;
    if (!('innerType' in def) || !(def.innerType instanceof z.ZodType)) break;
    s = def.innerType;
  }
  return s;
}

function valueAt(root: unknown, path: PropertyKey[]): unknown {
  let v: unknown = root;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = Reflect.get(v, key);
  }
  return v;
}

function dotted(path: PropertyKey[]): string {
  return path.length ? printableValue(path.map(String).join('.')) : '(top level)';
}

/**
 * One line per path: a number like 2^60 breaks both "a safe integer" and "at most 65535", and
 * the second says it better. Lines keep their order.
 */
function onePerPath(lines: string[]): string[] {
  const byPath = new Map<string, string>();
  for (const line of lines) {
    const path = /^[^:]*:\d*:? ?([^:]*):/.exec(line)?.[1] ?? line;
    const kept = byPath.get(path);
    if (kept === undefined || /maximum 9007199254740991$/.test(kept)) byPath.set(path, line);
  }
  return [...byPath.values()];
}

function capped(lines: string[]): string[] {
  if (lines.length <= MAX_PROBLEM_LINES) return lines;
  return [...lines.slice(0, MAX_PROBLEM_LINES), `... and ${lines.length - MAX_PROBLEM_LINES} more problems; fix these first`];
}
