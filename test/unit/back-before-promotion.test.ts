/** The race of a fault that ends by itself: noted only when the node hit was back before the promotion. */
import { describe, expect, it } from 'vitest';
import { backBeforePromotionNotes } from '../../src/scenarios/failover/measure/back-before-promotion.js';

describe('backBeforePromotionNotes', () => {
  it('names the race, its margin and what is gone when the node came back first', () => {
    expect(backBeforePromotionNotes(2000, 2970, 1070)).toEqual([
      'the node hit was back at 2000 ms, 970 ms before the promotion (2970 ms): what it acknowledged in between went with its demotion; 1070 acknowledged records are gone from the final master',
    ]);
  });
  it('says nothing when the promotion came first, when nobody was promoted, or when the fault does not end by itself', () => {
    expect(backBeforePromotionNotes(10_000, 6333, 2008)).toEqual([]);
    expect(backBeforePromotionNotes(2000, null, 0)).toEqual([]);
    expect(backBeforePromotionNotes(undefined, 2400, 0)).toEqual([]);
  });
});
