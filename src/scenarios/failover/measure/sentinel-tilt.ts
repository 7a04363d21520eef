import { type TimelineEvent } from '../../watch/raw-event.js';

/**
 * Sentinels that entered TILT mode during the trial. A sentinel whose 100 ms timer ran more than
 * 2 s late, or whose clock went back, trusts none of its timings and acts on nothing for 30 s,
 * a failover it had begun included: a stalled or overloaded machine can leave a dead master
 * named that long. Said, because the trial's numbers then measure the machine, not the topology.
 */
export function tiltNotes(events: TimelineEvent[]): string[] {
  const tilts = events.filter((e) => e.type === '+tilt');
  const first = tilts[0];
  if (!first) return [];
  const who = [...new Set(tilts.map((e) => e.source))].join(', ');
  return [
    `${who} entered TILT mode at ${first.atMs} ms (a sentinel whose timer ran over 2 s late, or whose clock went back): ` +
      'for 30 s it acts on nothing, a failover it had begun included; the machine stalled or was overloaded',
  ];
}
