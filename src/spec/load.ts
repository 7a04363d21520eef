import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { isMap, LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import { SpecError, ArcError } from '../errors/index.js';
import { DEFAULT_PORT_BASE } from './defaults.js';
import { formatIssue } from './format-issue.js';
import { crossFieldProblems } from './rules.js';
import { clusterSchema, sentinelSchema, specSchema } from './schema.js';
import type { Spec } from './spec.js';

export const DEFAULT_SPEC_FILE = 'redis-arc.yaml';

/** Read, parse and validate a spec file. Every problem becomes one line of a SpecError. */
export async function loadSpec(file: string): Promise<Spec> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new ArcError(`${file}: no such spec; run \`redis-arc init sentinel\` here or pass --spec FILE`);
    }
    if (code === 'EISDIR') throw new ArcError(`${file}: is a folder; pass the spec file itself, e.g. --spec ${file}/redis-arc.yaml`);
    throw new ArcError(`${file}: cannot read (${code ?? String(err)})`, undefined, { cause: err });
  }
  return parseSpec(text, file);
}

export function parseSpec(text: string, file = DEFAULT_SPEC_FILE): Spec {
  const label = basename(file);
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new SpecError(
      file,
      // The parser often reports one mistake several ways; the first is the one to fix.
      doc.errors.slice(0, 1).map((e) => {
        const pos = e.linePos?.[0];
        const where = pos ? `${label}:${pos.line}:${pos.col}` : label;
        return `${where}: YAML syntax error: ${firstLine(e.message)}`;
      }),
    );
  }
  const raw: unknown = doc.toJS();
  if (raw === null || raw === undefined) {
    throw new SpecError(file, [`${label}: the spec is empty; it needs at least \`kind: standalone | sentinel | cluster\``]);
  }
  if (!isMap(doc.contents)) {
    throw new SpecError(file, [`${label}: expected a mapping of keys (kind, name, ...) at the top, got ${typeof raw === 'object' ? 'a list' : 'a single value'}`]);
  }

  const where = (path: PropertyKey[]) => locate(doc, lines, label, path);
  const parsed = specSchema.safeParse(raw);
  const sectionProblems = misplacedSections(raw as Record<string, unknown>);
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
    throw new SpecError(file, problems);
  }

  const value = parsed.data;
  const spec: Spec = {
    ...value,
    ports: { base: value.ports.base ?? DEFAULT_PORT_BASE[value.kind], sentinelBase: value.ports.sentinelBase },
    sentinel: value.kind === 'sentinel' ? (value.sentinel ?? sentinelSchema.parse({})) : undefined,
    cluster: value.kind === 'cluster' ? (value.cluster ?? clusterSchema.parse({})) : undefined,
  };
  const problems = crossFieldProblems(spec);
  if (problems.length) {
    throw new SpecError(
      file,
      problems.map((p) => `${where(p.path.split('.'))}${p.path}: ${p.message}`),
    );
  }
  return spec;
}

/** `sentinel:` under kind cluster (and the reverse) is a mistake worth naming, not a silent ignore. */
function misplacedSections(raw: Record<string, unknown>): { path: string; message: string }[] {
  const kind = raw.kind;
  const out: { path: string; message: string }[] = [];
  for (const section of ['sentinel', 'cluster'] as const) {
    if (raw[section] !== undefined && typeof kind === 'string' && kind !== section && ['standalone', 'sentinel', 'cluster'].includes(kind)) {
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
    const next = (schema.shape as Record<string, z.ZodType>)[String(key)];
    if (!next) return [];
    schema = next;
  }
  schema = unwrap(schema);
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

function unwrap(schema: z.ZodType): z.ZodType {
  let s: z.ZodType = schema;
  // default/prefault/optional wrap the object schema; peel them off.
  for (let i = 0; i < 5; i++) {
    const inner = (s as unknown as { _zod: { def: { innerType?: z.ZodType } } })._zod.def.innerType;
    if (!inner) break;
    s = inner;
  }
  return s;
}

function valueAt(root: unknown, path: PropertyKey[]): unknown {
  let v: unknown = root;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

/** `file:line: ` for the deepest node of `path` that exists in the document. */
function locate(doc: Document, lines: LineCounter, label: string, path: PropertyKey[]): string {
  for (let depth = path.length; depth >= 0; depth--) {
    const sub = path.slice(0, depth);
    const node = (depth === 0 ? doc.contents : doc.getIn(sub, true)) as { range?: [number, number, number] } | undefined;
    const keyNode = depth > 0 ? keyNodeOf(doc, sub) : undefined;
    const offset = keyNode?.range?.[0] ?? node?.range?.[0];
    if (offset !== undefined) return `${label}:${lines.linePos(offset).line}: `;
  }
  return `${label}: `;
}

function keyNodeOf(doc: Document, path: PropertyKey[]): { range?: [number, number, number] } | undefined {
  const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
  if (!isMap(parent)) return undefined;
  const pair = parent.items.find((p) => (p.key as { value?: unknown } | null)?.value === path[path.length - 1]);
  return pair?.key as { range?: [number, number, number] } | undefined;
}

function dotted(path: PropertyKey[]): string {
  return path.length ? path.map(String).join('.') : '(top level)';
}

function firstLine(s: string): string {
  return s.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "").trim();
}
