import { Cluster, Redis } from 'ioredis';
import type { ProbeTarget } from '../probe/target.js';
import { clusterOptions, redisOptions } from './options.js';
import type { ConnectionRole } from './roles.js';

export type Connection = Redis | Cluster;

/** A new ioredis client for `role` on any topology; the caller closes it. */
export function connect(target: ProbeTarget, role: ConnectionRole): Connection {
  if (target.kind === 'cluster') {
    return new Cluster(
      target.seeds.map((s) => ({ host: s.host, port: s.port })),
      clusterOptions(target, role),
    );
  }
  return new Redis(redisOptions(target, role));
}

/** Close without waiting for replies a dead node would never send. */
export async function closeConnection(c: Connection): Promise<void> {
  try {
    await Promise.race([c.quit(), new Promise((resolve) => setTimeout(resolve, 1000))]);
  } catch {
    // already closed
  }
  c.disconnect();
}
