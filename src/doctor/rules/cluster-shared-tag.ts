import type { QueueKeys } from '../live-queues.js';
import { count, slotMasters } from './shared.js';
import type { Rule } from './rule.js';

/** The one slot a hash-tagged queue's keys share (its scan examples name it). */
const slotOf = (q: QueueKeys): number | undefined => (q.tagged && q.slots === 1 ? q.examples[0]?.slot : undefined);

/**
 * On a cluster, queues that all share one hash tag (`{bull}`, what BullMQ users are told to use)
 * share one slot: every add, move and completion of every queue goes to one master while the
 * others idle. A tag per queue (`{bull:<queue>}`) puts each queue in a slot of its own.
 */
export const clusterSharedTag: Rule = {
  id: 'cluster-shared-tag',
  live: {
    cluster: (state, queues) => {
      const tagged = queues.filter((q) => slotOf(q) !== undefined);
      const masters = slotMasters(state);
      if (tagged.length < 2 || masters.length < 2 || tagged.length !== queues.length) return undefined;
      const slots = new Set(tagged.map(slotOf));
      const [slot] = slots;
      const [first] = tagged;
      if (slots.size !== 1 || slot === undefined || !first) return undefined;
      const owner = masters.find((m) => m.status.slots?.some(([a, b]) => slot >= a && slot <= b));
      const keys = tagged.reduce((n, q) => n + q.keys, 0);
      const names = tagged.map((q) => q.name);
      const shown = names.length > 5 ? `${names.slice(0, 5).join(', ')}, ...` : names.join(', ');
      // The traffic itself: BullMQ works in Lua scripts, so each master's script calls since it started are its share.
      const calls = masters.map((m) => m.scriptCalls);
      const total = calls.reduce<number>((n, c) => n + (c ?? 0), 0);
      const mine = owner?.scriptCalls;
      const traffic =
        mine !== undefined && total > 0 && calls.every((c) => c !== undefined)
          ? `; ${mine} of ${total} script calls (${Math.round((mine / total) * 100)}%) since the masters started`
          : '';
      return {
        severity: 'warning',
        path: `prefix '${first.prefix}'`,
        ...(owner && { nodes: [owner.name] }),
        observed: `${count(tagged.length, 'queue')} (${shown}) all in slot ${slot} on ${owner?.name ?? 'no master'}: ${keys} of ${keys} queue keys on 1 of ${count(masters.length, 'master')}${traffic}`,
        message: `every queue shares one hash tag, so all queue traffic lands on one master (${owner?.name ?? '?'}, slot ${slot}) while ${masters.length - 1} others carry none of it`,
        fix: `give each queue its own tag, prefix '{bull:<queue>}', so queues spread over the masters; \`redis-arc compare cluster --queues ${tagged.length}\` measures the throughput ratio of per-queue tags to one shared tag on this machine`,
      };
    },
  },
};
