import type { AddAccounting } from '../types.js';
import { type Fault } from '../../faults/names.js';

/** What a network fault did to acknowledged writes, in the report's words (metrics: docs/METRICS.md cut_off_acked / cut_off_lost). */
export function splitBrainNotes(fault: Fault, adds: AddAccounting): string[] {
  const c = adds.cutOff;
  if (!c) return [];
  const side = c.nodes.join(', ');
  if (c.acked === 0) return [`no add was acknowledged by the side cut off (${side}): no split-brain writes`];
  const lines = [
    `${c.acked} add(s) acknowledged by the side cut off (${side}) during the ${fault}; ${c.lost} of them lost after the heal` +
      (c.lost > 0 ? ' (split brain: the old master was demoted and resynced from the new one, dropping what it alone had acknowledged)' : ''),
  ];
  if (c.lost > 0) {
    lines.push(
      'sentinel.minReplicasToWrite: 1 with a short sentinel.minReplicasMaxLagS bounds how long a cut-off master acknowledges writes ' +
        '(it refuses them once no replica has acknowledged for that many seconds); see bench/partition.ts',
    );
  }
  return lines;
}
