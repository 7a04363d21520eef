/**
 * A saved result that is malformed anywhere (a field null, an array, a string, negative, huge, an
 * object, missing) read back by `report` or `bench --baseline` is either read or refused with one
 * line naming the file: never a TypeError or RangeError ("unexpected error: Cannot read properties
 * of null", "Invalid time value" from a t0 beyond what a Date holds). Every field of the saved
 * fixtures is broken each of these ways in turn.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArcError } from '../../src/errors/index.js';
import { reportHtml } from '../../src/report/html/index.js';
import { readResult } from '../../src/scenarios/results/read.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
const REPLACEMENTS: (Json | undefined)[] = [null, [], 'x', -1, {}, 1e308, true, undefined];

const fixture = (name: string): Json => JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures', name), 'utf8')) as Json;

/** Every path to a value in `v` (object keys and array indexes). */
function paths(v: Json, at: (string | number)[] = []): (string | number)[][] {
  if (v === null || typeof v !== 'object') return [at];
  const inner = Array.isArray(v) ? v.flatMap((x, i) => paths(x, [...at, i])) : Object.entries(v).flatMap(([k, x]) => paths(x, [...at, k]));
  return [at, ...inner];
}

function broken(base: Json, path: (string | number)[], value: Json | undefined): Json {
  const copy = structuredClone(base);
  let parent: Json = copy;
  for (const k of path.slice(0, -1)) parent = (parent as Record<string | number, Json>)[k]!;
  const last = path[path.length - 1]!;
  if (value === undefined) delete (parent as Record<string | number, Json>)[last];
  else (parent as Record<string | number, Json>)[last] = value;
  return copy;
}

/** What a read threw when it was not a one-line ArcError naming the file. */
function misbehaviour(read: () => unknown): string | undefined {
  try {
    read();
    return undefined;
  } catch (err) {
    if (err instanceof ArcError && err.message.startsWith('x.json') && !err.message.includes('\n')) return undefined;
    return String(err);
  }
}

describe.each(['failover-result.json', 'compare-result.json'])('%s broken field by field', (name) => {
  const base = fixture(name);
  const all = paths(base).filter((p) => p.length > 0);

  it('report reads it or refuses it in one line naming the file', () => {
    const bad: string[] = [];
    for (const p of all)
      for (const value of REPLACEMENTS) {
        const why = misbehaviour(() => reportHtml(broken(base, p, value), 'x.json'));
        if (why) bad.push(`${p.join('.')} = ${JSON.stringify(value)}: ${why}`);
      }
    expect(bad).toEqual([]);
    expect(all.length).toBeGreaterThan(50);
  });

  it('bench --baseline refuses it in one line (it is not a bench result)', () => {
    for (const p of all.slice(0, 40))
      for (const value of REPLACEMENTS) expect(misbehaviour(() => readResult(broken(base, p, value), 'x.json', 'bench'))).toBeUndefined();
  });
});

describe('whole values that are not results', () => {
  it.each([null, [], 0, 'text', true, {}, { schemaVersion: 1 }, { schemaVersion: 1, result: 'failover' }, { schemaVersion: 1, result: null }])(
    '%j: one line naming the file',
    (value) => {
      expect(misbehaviour(() => reportHtml(value, 'x.json'))).toBeUndefined();
      expect(() => reportHtml(value, 'x.json')).toThrow(/^x\.json: /);
      expect(misbehaviour(() => readResult(value, 'x.json', 'bench'))).toBeUndefined();
    },
  );

  it('a t0 beyond what a Date holds is refused by the schema, not thrown by the page', () => {
    const base = fixture('failover-result.json');
    expect(() => reportHtml(broken(base, ['trials', 0, 't0EpochMs'], 1e308), 'x.json')).toThrow(/^x\.json: a failover result, but trials\.0\.t0EpochMs: /);
  });
});
