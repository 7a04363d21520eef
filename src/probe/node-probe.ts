import type { Redis } from 'ioredis';
import { withClient, type ProbeClientOptions } from './client.js';
import type { Endpoint } from '../redis/endpoint.js';
import { toProbeError, type ProbeError } from './probe-error.js';

/** The outcome of reading one node: its value, or why it could not be read. */
export type Probed<T> = { ok: true; address: Endpoint; value: T } | { ok: false; address: Endpoint; error: ProbeError };

/**
 * Read one node. An unreachable node is a result (health turns it into a problem line); a wrong
 * password is thrown, because no amount of waiting fixes it and "down" would hide the real cause.
 */
export async function probeNode<T>(
  address: Endpoint,
  password: string | undefined,
  read: (client: Redis) => Promise<T>,
  clientOptions?: Partial<ProbeClientOptions>,
): Promise<Probed<T>> {
  try {
    return { ok: true, address, value: await withClient(address, password, read, clientOptions) };
  } catch (err) {
    const error = toProbeError(err, address, password);
    if (error.reason === 'auth') throw error;
    return { ok: false, address, error };
  }
}
