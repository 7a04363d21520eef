import { describe, expect, it } from 'vitest';
import { accountSlots, type Firing } from '../../src/scenarios/workloads/scheduler-slots.js';

/** A firing of `slot`, run `late` ms after it. */
const at = (slot: number, late = 5): Firing => ({ slotEpochMs: slot, atEpochMs: slot + late });

describe('a scheduler’s slots', () => {
  it('counts the grid from the first fired slot to the end of the window, and a slot after it as alive', () => {
    const a = accountSlots([at(1000), at(1250), at(1500), at(1750)], 250, 1600, {});
    expect(a).toMatchObject({ expected: 3, fired: 3, missed: [], twice: [], longestGapMs: 250, alive: true });
    expect(a.ticksAfterFault).toBeNull();
    expect(a.firstAfterPromotionMs).toBeNull();
  });

  it('names the slots that never fired, and a chain that ended before the window did as not alive', () => {
    const a = accountSlots([at(1000), at(1250), at(2000)], 250, 2600, {});
    expect(a).toMatchObject({ expected: 7, fired: 3, missed: [1500, 1750, 2250, 2500], longestGapMs: 750, alive: false });
  });

  it('counts a slot run twice, and a second chain off the grid as the nearest slot run twice', () => {
    const a = accountSlots([at(1000), at(1000, 40), at(1250), at(1260), at(1500)], 250, 1500, {});
    expect(a).toMatchObject({ expected: 3, fired: 3, twice: [1000, 1250] });
  });

  it('measures from the fault and the promotion', () => {
    const firings = [at(1000), at(1250), at(5000, 100), at(5250)];
    const a = accountSlots(firings, 250, 5300, { t0EpochMs: 1200, promotedEpochMs: 4000 });
    expect(a.ticksAfterFault).toBe(3);
    expect(a.firstAfterPromotionMs).toBe(1100);
    expect(accountSlots(firings, 250, 5300, { t0EpochMs: 9000, promotedEpochMs: 9000 })).toMatchObject({ ticksAfterFault: 0, firstAfterPromotionMs: null });
  });

  it('measures nothing from no firings', () => {
    expect(accountSlots([], 250, 5000, {})).toMatchObject({ expected: 0, fired: 0, missed: [], longestGapMs: null, alive: false });
  });
});
