export const CLUSTER_SLOTS = 16384;

/** Inclusive [first, last]; a single slot is [n, n]. */
export type SlotRange = [number, number];

/** Split 0..16383 into `masters` contiguous ranges exactly as `redis-cli --cluster create` does. */
export function slotRanges(masters: number): SlotRange[] {
  const perNode = CLUSTER_SLOTS / masters;
  const ranges: SlotRange[] = [];
  let first = 0;
  let cursor = 0;
  for (let i = 0; i < masters; i++) {
    let last = Math.round(cursor + perNode - 1);
    if (last > CLUSTER_SLOTS - 1 || i === masters - 1) last = CLUSTER_SLOTS - 1;
    if (last < first) last = first;
    ranges.push([first, last]);
    first = last + 1;
    cursor += perNode;
  }
  return ranges;
}
