import { describe, expect, it } from 'vitest';
import { keySlot } from '../../src/topology/key-slot.js';

/**
 * Slots as `CLUSTER KEYSLOT` on Redis 7.0.15 returned them. The empty-tag rows are where the
 * `cluster-key-slot` package (1.1.1, what ioredis 6.0.0 ships) answers differently (15725 and
 * 15133): Redis hashes the whole key once the first tag is empty, that package looks on for a later one.
 */
const MEASURED: [key: string, slot: number][] = [
  ['', 0],
  ['foo', 12182],
  ['123456789', 12739],
  ['bull:q:meta', 2749],
  ['{bull}:q:meta', 9263],
  ['{bull}:q:1', 9263],
  ['{}x', 10595],
  ['a{}b{c}', 7353],
  ['x{}{y}', 14166],
  ['x{{y}}', 15133],
  ['a}{b}', 3300],
  ['{a', 10276],
  ['a{b}c{d}', 3300],
  ['é{ü}', 9552],
  ['日本語:wait', 2529],
];

describe('keySlot', () => {
  it.each(MEASURED)('puts %j in slot %i, as Redis does', (key, slot) => {
    expect(keySlot(key)).toBe(slot);
  });
});
