import { Document, isAlias, isMap, isNode, isScalar, isSeq, LineCounter, parseAllDocuments } from 'yaml';
import { SpecError } from '../errors/index.js';
import { printableValue } from '../errors/printable.js';

/** A spec is a few dozen lines; anything near this is a mistake (or an attack), refused before parsing. */
export const MAX_SPEC_BYTES = 1024 * 1024;

/** Aliases (`*name`) expanded before the document counts as an alias bomb (yaml's own default is 100). */
const MAX_ALIAS_COUNT = 100;

const TOO_DEEP = 'nests lists or mappings hundreds of levels deep; a spec is a few levels deep, is this the right file?';

/** A parsed spec document with a linear-time index of where each key path is (for `file:line:` prefixes). */
export interface SpecDocument {
  raw: unknown;
  doc: Document;
  /** `file:line: ` for the deepest part of `path` found in the document. */
  where: (path: PropertyKey[]) => string;
}

/**
 * Parse one YAML document. Duplicate keys are found here in one pass (yaml's own uniqueKeys
 * check compares every key with every earlier one: 40,000 keys took half a minute).
 */
export function readSpecDocument(text: string, file: string, label: string): SpecDocument {
  const fail = (line: string): never => {
    throw new SpecError(file, [line]);
  };
  if (Buffer.byteLength(text) > MAX_SPEC_BYTES)
    fail(`${label}: ${Buffer.byteLength(text)} bytes is too large for a spec (at most ${MAX_SPEC_BYTES}); is this the right file?`);
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: false });
  if (!Array.isArray(docs)) return emptyDocument(label);
  const second = docs[1];
  if (second) {
    const at = second.range[0];
    fail(`${label}:${lines.linePos(at).line}: holds ${docs.length} YAML documents (separated by ---); keep one spec per file`);
  }
  const doc = docs[0];
  if (!doc) return emptyDocument(label);
  // The parser often reports one mistake several ways; the first is the one to fix.
  const first = doc.errors[0];
  if (first) {
    const pos = first.linePos?.[0];
    const where = pos ? `${label}:${pos.line}:${pos.col}` : label;
    if (/call stack/i.test(first.message)) fail(`${where}: ${TOO_DEEP}`);
    fail(`${where}: YAML syntax error: ${firstLine(first.message)}`);
  }
  const index = new Map<string, number>();
  let duplicate: ReturnType<typeof indexKeys>;
  try {
    duplicate = indexKeys(doc.contents, [], index);
  } catch (err) {
    if (err instanceof RangeError) fail(`${label}: ${TOO_DEEP}`);
    throw err;
  }
  if (duplicate) {
    const pos = lines.linePos(duplicate.offset);
    fail(`${label}:${pos.line}:${pos.col}: YAML syntax error: Map keys must be unique ('${printableValue(duplicate.key)}' appears twice)`);
  }
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    if (err instanceof ReferenceError) fail(`${label}: ${firstLine(err.message)}; write the values out instead of repeating aliases (*name)`);
    if (err instanceof RangeError) fail(`${label}: ${TOO_DEEP}`);
    throw err;
  }
  const where = (path: PropertyKey[]): string => {
    for (let depth = path.length; depth >= 0; depth--) {
      const offset = index.get(keyOf(path.slice(0, depth)));
      if (offset !== undefined) return `${label}:${lines.linePos(offset).line}: `;
    }
    return `${label}: `;
  };
  return { raw, doc, where };
}

function emptyDocument(label: string): SpecDocument {
  return { raw: null, doc: new Document(), where: () => `${label}: ` };
}

const keyOf = (path: PropertyKey[]): string => JSON.stringify(path.map(String));

/** Record the offset of every key (and list item) by path, in one walk; returns the first duplicate key. */
function indexKeys(node: unknown, path: string[], index: Map<string, number>): { key: string; offset: number } | undefined {
  if (!node || isAlias(node)) return undefined;
  const own = isNode(node) ? node.range?.[0] : undefined;
  if (own !== undefined && !index.has(keyOf(path))) index.set(keyOf(path), own);
  if (isMap(node)) {
    const seen = new Set<string>();
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      const offset = (isNode(pair.key) ? pair.key.range?.[0] : undefined) ?? own ?? 0;
      if (seen.has(key)) return { key, offset };
      seen.add(key);
      index.set(keyOf([...path, key]), offset);
      const dup = indexKeys(pair.value, [...path, key], index);
      if (dup) return dup;
    }
  } else if (isSeq(node)) {
    for (const [i, item] of node.items.entries()) {
      const dup = indexKeys(item, [...path, String(i)], index);
      if (dup) return dup;
    }
  }
  return undefined;
}

function firstLine(s: string): string {
  const [first = ''] = s.split('\n');
  return first.replace(/ at line \d+, column \d+:?$/, '').trim();
}
