import { count } from './shared.js';
import type { LiveDraft, Rule } from './rule.js';

/** On a cluster a BullMQ queue's keys must share a slot: its prefix needs a hash tag. */
export const clusterHashTags: Rule = {
  id: 'cluster-hash-tags',
  spec: ({ cluster: c }) =>
    c && {
      severity: 'info',
      path: 'kind',
      message: "on a cluster every BullMQ queue needs a hash-tagged prefix such as '{bull}', or its scripts fail with CROSSSLOT",
      fix: "create queues with { prefix: '{bull}' } (redis-arc's connections do this for you)",
    },
  live: {
    cluster: (_state, queues) =>
      queues
        .filter((q) => !q.tagged)
        .map((q): LiveDraft => ({
          severity: 'error',
          path: `queue '${q.name}' (prefix '${q.prefix}')`,
          nodes: q.nodes,
          observed: `${q.keys} keys in ${count(q.slots, 'slot')} on ${count(q.nodes.length, 'master')}, e.g. ${q.examples.map((e) => `${e.key} (slot ${e.slot})`).join(', ')}`,
          message:
            "the queue's prefix has no {hash tag}, so its keys spread over slots: BullMQ's multi-key Lua scripts fail with CROSSSLOT, and adds and workers on it fail",
          fix: `create the queue with { prefix: '{bull}' } (or a hash-tagged name such as '{${q.name}}'), then drain or delete the old '${q.prefix}:${q.name}:*' keys`,
        })),
  },
};
