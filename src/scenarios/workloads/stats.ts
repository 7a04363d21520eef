/** The value at quantile q (0..1) of `values`, nearest rank; null when there are none. */
export function quantile(values: number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? null;
}

/** The longest interval between consecutive times (ms), in the order given sorted; null with fewer than two. */
export function longestGap(times: number[]): number | null {
  if (times.length < 2) return null;
  const sorted = [...times].sort((a, b) => a - b);
  let longest = 0;
  for (let i = 1; i < sorted.length; i++) longest = Math.max(longest, (sorted[i] ?? 0) - (sorted[i - 1] ?? 0));
  return longest;
}

/** How many times each key occurs. */
export function counts<K>(keys: Iterable<K>): Map<K, number> {
  const out = new Map<K, number>();
  for (const k of keys) out.set(k, (out.get(k) ?? 0) + 1);
  return out;
}

/** The keys seen more than once. */
export const twice = <K>(keys: Iterable<K>): K[] => [...counts(keys)].filter(([, n]) => n > 1).map(([k]) => k);

export const FEW = 10;
