import { DEFAULT_PREFIX, hasHashTag } from '../connect/queue-prefix.js';
import { keySlot } from '../topology/key-slot.js';

/**
 * BullMQ's queue-level key types (`QueueKeys.getKeys` in bullmq): `<prefix>:<queue>:<type>`.
 * Only types that job keys (`<prefix>:<queue>:<jobId>[:lock|:logs|...]`) never end in, so a
 * job key is not mistaken for a queue of its own.
 */
const QUEUE_KEY = /^(.+):([^:]+):(meta|id|events|wait|paused|active|delayed|prioritized|waiting-children|stalled-check|marker|pc)$/;
/** Queues under BullMQ's default prefix are recognised by any key (`bull:<queue>:...`). */
const DEFAULT_PREFIX_KEY = new RegExp(`^${DEFAULT_PREFIX}:([^:]+):`);

/** One BullMQ queue found in a cluster's keyspace, over every master scanned. */
export interface QueueKeys {
  prefix: string;
  name: string;
  /** Does `<prefix>:<name>` carry a hash tag, so all its keys share one slot? */
  tagged: boolean;
  keys: number;
  /** Distinct slots its keys hash to. */
  slots: number;
  /** The masters (names for messages) holding its keys. */
  nodes: string[];
  /** A few of its keys with their slots, for the message. */
  examples: { key: string; slot: number }[];
}

/** Keys one master returned from SCAN. */
export interface ScannedKeys {
  node: string;
  keys: string[];
}

const EXAMPLES = 3;

/** The BullMQ queues the scanned keys belong to, each with how its keys spread over slots and masters. */
export function queuesInKeys(scans: ScannedKeys[]): QueueKeys[] {
  const qualified = new Map<string, { prefix: string; name: string }>();
  for (const { keys } of scans) {
    for (const key of keys) {
      const q = QUEUE_KEY.exec(key);
      if (q?.[1] && q[2]) qualified.set(`${q[1]}:${q[2]}`, { prefix: q[1], name: q[2] });
      const d = DEFAULT_PREFIX_KEY.exec(key);
      if (d?.[1]) qualified.set(`${DEFAULT_PREFIX}:${d[1]}`, { prefix: DEFAULT_PREFIX, name: d[1] });
    }
  }
  // `bull:q:5:wait` looks like queue `5` under prefix `bull:q`: a queue inside another queue's keys is not one.
  for (const q of [...qualified.keys()]) if ([...qualified.keys()].some((outer) => outer !== q && q.startsWith(`${outer}:`))) qualified.delete(q);

  const found = new Map<
    string,
    { prefix: string; name: string; keys: number; slots: Set<number>; nodes: Set<string>; examples: { key: string; slot: number }[] }
  >();
  for (const { node, keys } of scans) {
    for (const key of keys) {
      const owner = ownerOf(key, qualified);
      if (!owner) continue;
      const [qualifiedName, { prefix, name }] = owner;
      const slot = keySlot(key);
      const q = found.get(qualifiedName) ?? { prefix, name, keys: 0, slots: new Set<number>(), nodes: new Set<string>(), examples: [] };
      q.keys++;
      if (!q.slots.has(slot) && q.examples.length < EXAMPLES) q.examples.push({ key, slot });
      q.slots.add(slot);
      q.nodes.add(node);
      found.set(qualifiedName, q);
    }
  }
  return [...found]
    .map(([owner, q]) => ({
      prefix: q.prefix,
      name: q.name,
      tagged: hasHashTag(owner),
      keys: q.keys,
      slots: q.slots.size,
      nodes: [...q.nodes],
      examples: q.examples,
    }))
    .sort((a, b) => a.prefix.localeCompare(b.prefix) || a.name.localeCompare(b.name));
}

/** The qualified queue name (`prefix:name`) a key belongs to, with its entry: the longest one it starts with. */
function ownerOf<T>(key: string, qualified: Map<string, T>): [string, T] | undefined {
  for (let colon = key.lastIndexOf(':'); colon > 0; colon = key.lastIndexOf(':', colon - 1)) {
    const head = key.slice(0, colon);
    const entry = qualified.get(head);
    if (entry !== undefined) return [head, entry];
  }
  return undefined;
}
