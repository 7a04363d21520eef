export const CLUSTER_SLOTS = 16384;

/** Split 0..16383 into `masters` contiguous ranges, as redis-cli --cluster create does. */
export function slotRanges(masters: number): [number, number][] {
  const per = CLUSTER_SLOTS / masters;
  const ranges: [number, number][] = [];
  let first = 0;
  for (let i = 0; i < masters; i++) {
    const last = i === masters - 1 ? CLUSTER_SLOTS - 1 : Math.round(first + per) - 1;
    ranges.push([first, last]);
    first = last + 1;
  }
  return ranges;
}
