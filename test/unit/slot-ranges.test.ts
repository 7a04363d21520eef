import { describe, expect, it } from 'vitest';
import { uncoveredSlots } from '../../src/topology/slot-ranges.js';

describe('slot ranges', () => {
  it('finds the slots no master covers, in any order and with overlaps', () => {
    expect(
      uncoveredSlots([
        [10923, 16383],
        [0, 5460],
        [5000, 5461],
      ]),
    ).toEqual([[5462, 10922]]);
    expect(uncoveredSlots([[1, 16382]])).toEqual([
      [0, 0],
      [16383, 16383],
    ]);
    expect(uncoveredSlots([[0, 16383]])).toEqual([]);
    expect(uncoveredSlots([])).toEqual([[0, 16383]]);
  });
});
