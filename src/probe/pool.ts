import type { Redis } from 'ioredis';
import { openProbeClient, type ProbeClientOptions } from './client.js';
import { formatEndpoint, type Endpoint } from '../redis/endpoint.js';
import { toProbeError } from './probe-error.js';

/**
 * Probe connections held open between the checks of one wait, one per node and login: a check
 * then costs its commands, not a TCP connect and AUTH per node. A connection whose command fails
 * is dropped and made anew on its next use, so a node that restarted is read again, not
 * reported gone for ever. `close()` when the wait is over.
 */
export class ProbePool {
  private readonly clients = new Map<string, Promise<Redis>>();

  async use<T>(ep: Endpoint, password: string | undefined, fn: (client: Redis) => Promise<T>, opts: Partial<ProbeClientOptions>): Promise<T> {
    // The password is part of the key (kept in memory only): a login that differs gets its own connection.
    const key = JSON.stringify([formatEndpoint(ep), opts.username ?? '', password ?? '']);
    let opening = this.clients.get(key);
    if (!opening) {
      opening = openProbeClient(ep, password, opts);
      this.clients.set(key, opening);
      opening.catch(() => this.clients.delete(key));
    }
    const client = await opening;
    try {
      return await fn(client);
    } catch (err) {
      if (this.clients.get(key) === opening) this.clients.delete(key);
      client.disconnect();
      throw toProbeError(err, ep, password);
    }
  }

  close(): void {
    for (const opening of this.clients.values())
      opening.then(
        (c) => c.disconnect(),
        () => undefined,
      );
    this.clients.clear();
  }
}
