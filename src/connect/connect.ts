import { Cluster, type Redis } from 'ioredis';
import type { Endpoint } from '../redis/endpoint.js';
import { createCluster, createRedis } from '../redis/client.js';
import type { Target } from '../redis/target.js';
import { appSentinelAuth, clusterOptions, redisOptions, type ConnectOptions } from './options.js';
import { SwitchRedirects } from './switch-redirects.js';
import type { ClientRole } from '../client/index.js';

export type Connection = Redis | Cluster;

/** A new ioredis client for `role` on any topology (made by the one client factory); the caller closes it. */
export function connect(target: Target, role: ClientRole, opts: ConnectOptions = {}): Connection {
  if (target.kind === 'cluster') {
    return createCluster(target.seeds, clusterOptions(target, role, opts));
  }
  if (target.kind === 'standalone') return createRedis(redisOptions(target, role, opts));
  const redirects = new SwitchRedirects(target.masterName, (to) => {
    // Already on the new master (announced address mapped to what the host reaches): stay.
    const reach = target.natMap?.[`${to.host}:${to.port}`] ?? to;
    const on = remoteOf(client);
    if (client.status === 'ready' && (on?.host !== reach.host || on?.port !== reach.port)) client.disconnect(true);
    // Between reconnect attempts (the old master died): try the new one now, not at the next back-off tick.
    else if (client.status === 'reconnecting') client.connect().catch(() => {});
  });
  const client = createRedis(redisOptions(target, role, opts, redirects));
  redirects.watch(target.sentinels, appSentinelAuth(target));
  client.once('end', () => redirects.stop());
  return client;
}

/** The address a client's socket is connected to; undefined before it connects (ioredis sets `stream` then). */
export function remoteOf(client: Redis): Endpoint | undefined {
  const stream: Redis['stream'] | undefined = client.stream;
  if (!stream?.remoteAddress || !stream.remotePort) return undefined;
  return { host: stream.remoteAddress, port: stream.remotePort };
}

/** Close without waiting for replies a dead node would never send. */
export async function closeConnection(c: Connection): Promise<void> {
  try {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([c.quit(), new Promise((resolve) => (timer = setTimeout(resolve, 1000)))]).finally(() => clearTimeout(timer));
  } catch {
    // already closed
  }
  c.disconnect();
}

/**
 * Wait until `c` and, on a cluster, its connection to every master is open. A fail-fast producer
 * (no offline queue) refuses commands to a node whose socket is still opening; a scenario that
 * starts right after `up` waits here rather than count that refusal as a failed add.
 */
export async function whenReady(c: Connection, timeoutMs = 5000): Promise<void> {
  const ready = (r: Redis | Cluster) => {
    if (r.status === 'ready') return Promise.resolve();
    const opened = new Promise<void>((resolve) => {
      const onReady = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        r.off('ready', onReady);
        resolve();
      }, timeoutMs);
      r.once('ready', onReady);
    });
    // ioredis opens a cluster's node connections lazily, at their first command.
    if (r.status === 'wait') r.connect().catch(() => {});
    return opened;
  };
  await ready(c);
  if (c instanceof Cluster) await Promise.all(c.nodes('master').map(ready));
}
