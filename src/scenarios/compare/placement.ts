import { keySlot } from '../../topology/key-slot.js';

/** A master and the slots it serves, as CLUSTER NODES reports them. */
export interface MasterSlots {
  name: string;
  slots: [number, number][];
}

/** The master serving `slot`, or undefined when no master does. */
export function masterOf(slot: number, masters: MasterSlots[]): string | undefined {
  return masters.find((m) => m.slots.some(([a, b]) => slot >= a && slot <= b))?.name;
}

/** The slot of a queue's keys under `prefix` (its hash tag decides it). */
export const prefixSlot = (prefix: string): number => keySlot(`${prefix}:q:id`);

/**
 * `n` per-queue prefixes `{bull:compare-<k>}`, the k picked so that queue i lands on master
 * i mod M: a team naming its queues spreads them over masters only on average, and with 3 queues
 * on 3 masters a random draw would often measure two queues on one master instead of the spread
 * the analysis talks about. Which master each landed on is reported with the figure.
 */
export function spreadPrefixes(n: number, masters: MasterSlots[]): string[] {
  const ordered = [...masters].sort((a, b) => (a.slots[0]?.[0] ?? 0) - (b.slots[0]?.[0] ?? 0));
  const out: string[] = [];
  for (let i = 0, k = 0; out.length < n && k < 100_000; k++) {
    const prefix = `{bull:compare-${k}}`;
    const want = ordered[i % ordered.length]?.name;
    if (want === undefined || masterOf(prefixSlot(prefix), ordered) === want) {
      out.push(prefix);
      i++;
    }
  }
  return out;
}
