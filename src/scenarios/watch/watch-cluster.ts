import { parseClusterNodes } from '../../probe/cluster-nodes.js';
import type { Endpoint } from '../../redis/endpoint.js';
import { authOptions, createRedis, endpointOptions, PLAIN_HANDSHAKE, type TlsMaterial } from '../../redis/client.js';
import { retryUntil } from '../../wait/retry.js';
import { observed, type RawEvent, type Watcher } from './raw-event.js';

const POLL_MS = 25;

/** A poller: a command that cannot run now fails at once (it is asked again 25 ms later), and a dead node is redialled every 100 ms. */
const POLLER_POLICY = {
  enableReadyCheck: false,
  enableOfflineQueue: false,
  maxRetriesPerRequest: 0,
  commandTimeout: 500,
  retryStrategy: () => 100,
};

/**
 * Redis Cluster publishes nothing, so poll: every other node's CLUSTER NODES for the target's
 * flags (pfail, then fail: detection), and the target's replicas' ROLE (promotion).
 */
export function watchCluster(opts: {
  targetId: string;
  targetName: string;
  observers: { ep: Endpoint; name: string }[];
  replicas: { ep: Endpoint; name: string }[];
  password: string | undefined;
  tls?: TlsMaterial;
}): Watcher {
  const events: RawEvent[] = [];
  const client = (ep: Endpoint) =>
    createRedis({ ...endpointOptions(ep), ...authOptions({ password: opts.password, tls: opts.tls }), ...PLAIN_HANDSHAKE, ...POLLER_POLICY });
  const observers = opts.observers.map((o) => ({ ...o, c: client(o.ep), flag: '' }));
  const replicas = opts.replicas.map((r) => ({ ...r, c: client(r.ep), promoted: false }));
  let running = true;

  // Polls until stopped: the loop's end is `stop()`, not a state it waits for.
  const pollOnce = async () => {
    if (!running) return;
    await Promise.all([
      ...observers.map(async (o) => {
        const text = String(await o.c.call('CLUSTER', 'NODES').catch(() => ''));
        const entry = parseClusterNodes(text).find((n) => n.id === opts.targetId);
        if (!entry) return;
        const flag = entry.flags.includes('fail') ? 'fail' : entry.flags.includes('fail?') ? 'pfail' : '';
        if (flag && flag !== o.flag) events.push(observed(`node-${flag}`, o.name, `${opts.targetName} flagged ${flag}`));
        o.flag = flag;
      }),
      ...replicas.map(async (r) => {
        if (r.promoted) return;
        const role: unknown = await r.c.call('ROLE').catch(() => undefined);
        if (Array.isArray(role) && role[0] === 'master') {
          r.promoted = true;
          events.push(observed('promoted', r.name, `${r.name} took over ${opts.targetName}'s slots`));
        }
      }),
    ]);
  };
  const loop = retryUntil(pollOnce, () => !running, { timeoutMs: Infinity, intervalMs: POLL_MS });
  return {
    events,
    async stop() {
      running = false;
      await loop;
      for (const c of [...observers, ...replicas]) c.c.disconnect();
    },
  };
}
