import type { Redis } from 'ioredis';
import type { Endpoint } from '../redis/endpoint.js';
import type { Target } from '../redis/target.js';
import type { ProbePool } from './pool.js';
import { toProbeError } from './probe-error.js';
import { authOptions, createRedis, endpointOptions, PLAIN_HANDSHAKE, type TlsMaterial } from '../redis/client.js';

/** The one call the readers need, so they can run on any connection (or a fake in a unit test). */
export interface ProbeConnection {
  call(command: string, ...args: (string | number)[]): Promise<unknown>;
}

export interface ProbeClientOptions {
  connectTimeoutMs: number;
  commandTimeoutMs: number;
  /** Log in as this ACL user instead of the default user (only the --user credential check does). */
  username?: string;
  /** CA and client certificate for TLS-only nodes (src/security/tls.ts). */
  tls?: TlsMaterial;
  /** Reuse this pool's open connections instead of one per call (the checks of one wait). */
  pool?: ProbePool;
}

export const DEFAULT_PROBE_CLIENT_OPTIONS: ProbeClientOptions = {
  connectTimeoutMs: 1000,
  commandTimeoutMs: 2000,
};

/**
 * A connected ioredis client made for probing: one connection attempt, no reconnect loop, no
 * offline queue, so a dead or paused node fails within the timeouts instead of hanging a poll.
 * Throws a ProbeError ('unreachable' | 'auth' | 'other'). The caller must `disconnect()` it.
 */
export async function openProbeClient(ep: Endpoint, password?: string, opts: Partial<ProbeClientOptions> = {}): Promise<Redis> {
  const { connectTimeoutMs, commandTimeoutMs, tls, username } = { ...DEFAULT_PROBE_CLIENT_OPTIONS, ...opts };
  // ioredis rejects connect() with a bare "Connection is closed."; the real cause arrives as an event.
  let cause: unknown;
  const client = createRedis(
    {
      ...endpointOptions(ep),
      ...authOptions({ username, password, tls }),
      ...PLAIN_HANDSHAKE,
      lazyConnect: true,
      connectTimeout: connectTimeoutMs,
      commandTimeout: commandTimeoutMs,
      retryStrategy: () => null,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      // The ready check waits while a replica loads its RDB; a probe wants to see that state, not wait it out.
      enableReadyCheck: false,
    },
    (err) => {
      cause = err;
    },
  );
  try {
    await client.connect();
  } catch (err) {
    client.disconnect();
    throw toProbeError(cause ?? err, ep, password);
  }
  return client;
}

/** Run `fn` on a fresh probe client and always disconnect it (with `opts.pool`: on the pool's connection). Errors become ProbeErrors. */
export async function withClient<T>(
  ep: Endpoint,
  password: string | undefined,
  fn: (client: Redis) => Promise<T>,
  { pool, ...opts }: Partial<ProbeClientOptions> = {},
): Promise<T> {
  if (pool) return pool.use(ep, password, fn, opts);
  const client = await openProbeClient(ep, password, opts);
  try {
    return await fn(client);
  } catch (err) {
    throw toProbeError(err, ep, password);
  } finally {
    // disconnect, not quit: quit waits for a reply that a dead node never sends.
    client.disconnect();
  }
}

/** Probe-client options for `target`'s nodes: its TLS material when it has any, plus `extra`. */
export function probeClientOptions(target: Target): Pick<ProbeClientOptions, 'tls'>;
export function probeClientOptions<T extends Partial<ProbeClientOptions>>(target: Target, extra: T): T & Pick<ProbeClientOptions, 'tls'>;
export function probeClientOptions(target: Target, extra: Partial<ProbeClientOptions> = {}): Partial<ProbeClientOptions> {
  return { ...extra, ...(target.tls && { tls: target.tls }) };
}
