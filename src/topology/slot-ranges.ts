import { CLUSTER_SLOTS, type SlotRange } from './slots.js';

/** The slots of 0..16383 that no range covers, as ranges in slot order (ranges may overlap). */
export function uncoveredSlots(ranges: SlotRange[]): SlotRange[] {
  const sorted = [...ranges].sort((x, y) => x[0] - y[0]);
  const gaps: SlotRange[] = [];
  let next = 0;
  for (const [a, b] of sorted) {
    if (a > next) gaps.push([next, a - 1]);
    next = Math.max(next, b + 1);
  }
  if (next < CLUSTER_SLOTS) gaps.push([next, CLUSTER_SLOTS - 1]);
  return gaps;
}
