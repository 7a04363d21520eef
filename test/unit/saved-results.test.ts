/**
 * A saved --json result says what it is in its `result` field (failover, bench or compare; a
 * failover result's `kind` stays the topology's), and `redis-arc report` / `bench --baseline`
 * validate it when reading it back. Results saved before the tag existed are told by their shape.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportHtml } from '../../src/report/html/index.js';
import { readResult, resultKind } from '../../src/scenarios/results/read.js';

const fixture = (name: string): Record<string, unknown> => {
  const value: unknown = JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures', name), 'utf8'));
  if (typeof value !== 'object' || value === null) throw new Error(`${name} is not an object`);
  return { ...value };
};

describe('a saved result', () => {
  it('read back without a tag (saved before it existed) gets the tag its shape tells', () => {
    const old = fixture('failover-result.json');
    expect('result' in old).toBe(false);
    const r = readResult(old, 'old.json');
    expect(r.result).toBe('failover');
    expect(r.result === 'failover' && r.kind).toBe('sentinel');
    expect(readResult(fixture('compare-result.json'), 'c.json').result).toBe('compare');
  });

  it('with a tag is what the tag says, whatever its shape', () => {
    const tagged = { ...fixture('failover-result.json'), result: 'failover' };
    expect(resultKind(tagged)).toBe('failover');
    expect(resultKind({ ...tagged, result: 'bench' })).toBe('bench');
    expect(() => readResult({ ...tagged, result: 'bench' }, 'x.json')).toThrow(/^x\.json: a bench result, but environment\./);
    expect(resultKind({ ...tagged, result: 'smoke' })).toBeUndefined();
    expect(() => reportHtml({ ...tagged, result: 'smoke' }, 'x.json')).toThrow(
      /^x\.json: not a redis-arc failover-test, bench or compare result \(schemaVersion 1\); write one with --json$/,
    );
  });

  it('is validated field by field, the error one line naming the field', () => {
    const bad = { ...fixture('failover-result.json'), result: 'failover', rate: 'fast' };
    expect(() => readResult(bad, 'x.json')).toThrow(/^x\.json: a failover result, but rate: Invalid input: expected number, received string$/);
    const trials = fixture('failover-result.json').trials;
    const badTrial = { ...fixture('failover-result.json'), trials: Array.isArray(trials) ? [{ ...trials[0], verdict: 'great' }] : [] };
    expect(() => readResult(badTrial, 'x.json')).toThrow(/^x\.json: a failover result, but trials\.0\.verdict: /);
  });

  it('of another kind than asked (bench --baseline) is refused in one line', () => {
    expect(() => readResult(fixture('compare-result.json'), '--baseline c.json', 'bench')).toThrow(
      /^--baseline c\.json: not a redis-arc bench result \(schemaVersion 1\)$/,
    );
    expect(() => readResult(null, '--baseline n.json', 'bench')).toThrow(/^--baseline n\.json: not a redis-arc bench result/);
  });

  it('keeps fields the schema does not name (a newer redis-arc may add some)', () => {
    const r = readResult({ ...fixture('failover-result.json'), addedLater: 7 }, 'x.json');
    expect(r).toHaveProperty('addedLater', 7);
  });
});
