import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { parseClusterNodes } from '../../probe/cluster-nodes.js';
import type { Endpoint } from '../../probe/endpoint.js';
import { observed, type RawEvent, type Watcher } from './raw-event.js';

const POLL_MS = 25;

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
  tls?: { ca: string; cert?: string; key?: string };
}): Watcher {
  const events: RawEvent[] = [];
  const client = (ep: Endpoint) => {
    const c = new Redis({
      host: ep.host,
      port: ep.port,
      password: opts.password,
      ...(opts.tls && { tls: opts.tls }),
      protocol: 2,
      disableClientInfo: true,
      enableReadyCheck: false,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: 500,
      retryStrategy: () => 100,
    });
    c.on('error', () => {});
    return c;
  };
  const observers = opts.observers.map((o) => ({ ...o, c: client(o.ep), flag: '' }));
  const replicas = opts.replicas.map((r) => ({ ...r, c: client(r.ep), promoted: false }));
  let running = true;

  const poll = async () => {
    while (running) {
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
          const role = (await r.c.call('ROLE').catch(() => undefined)) as unknown[] | undefined;
          if (role?.[0] === 'master') {
            r.promoted = true;
            events.push(observed('promoted', r.name, `${r.name} took over ${opts.targetName}'s slots`));
          }
        }),
      ]);
      await sleep(POLL_MS);
    }
  };
  const loop = poll();
  return {
    events,
    async stop() {
      running = false;
      await loop;
      for (const c of [...observers, ...replicas]) c.c.disconnect();
    },
  };
}
