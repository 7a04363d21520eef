import { openProbeClient, withClient } from '../../probe/client.js';
import { errorMessage } from '../../errors/thrown.js';
import type { ProbeError } from '../../probe/probe-error.js';
import type { Endpoint } from '../../redis/endpoint.js';
import type { TlsMaterial } from '../../redis/client.js';
import { CannotRunError } from './cannot-run.js';

/** Faults made of Redis commands only: they run wherever the admin user may run them (attached, local, docker). */

interface Admin {
  password?: string;
  tls?: TlsMaterial;
}

/** One client of `CLIENT LIST`, the fields the `connections` fault decides on. */
export interface ListedClient {
  id: string;
  name: string;
  flags: string;
}

export function parseClientList(text: string): ListedClient[] {
  return text
    .split('\n')
    .filter((l) => l.trim())
    .map((line) => {
      const f = Object.fromEntries(
        line
          .trim()
          .split(' ')
          .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
      );
      return { id: f.id ?? '', name: f.name ?? '', flags: f.flags ?? '' };
    });
}

/**
 * Spared by `connections`: what a proxy restart or a network blip between the application and
 * Redis leaves alone. Replication links (flags S: a replica, M: our master) and the sentinels'
 * links (named sentinel-<id>-cmd / -pubsub) are the topology's own: cutting them would test the
 * topology's reconnects, not the application's, and a sentinel could take it for a failure.
 */
export const spared = (c: ListedClient): boolean => c.flags.includes('S') || c.flags.includes('M') || c.name.startsWith('sentinel-');

/** `connections`: CLIENT KILL every application connection of the target (redis-arc's own admin connection excepted). */
export async function killConnections(target: Endpoint, admin: Admin): Promise<string> {
  return withClient(
    target,
    admin.password,
    async (c) => {
      const self = String(await c.call('CLIENT', 'ID'));
      const victims = parseClientList(String(await c.call('CLIENT', 'LIST'))).filter((cl) => cl.id !== self && !spared(cl));
      // One round trip: the connections fall within a millisecond of each other, as in a proxy restart.
      const killed = await Promise.all(victims.map((v) => c.call('CLIENT', 'KILL', 'ID', v.id).then(Number, () => 0)));
      const n = killed.reduce((a, b) => a + b, 0);
      const names = [...new Set(victims.map((v) => v.name || '(unnamed)'))];
      return `killed ${n} client connection${n === 1 ? '' : 's'} (${names.join(', ')})`;
    },
    admin.tls ? { tls: admin.tls } : {},
  ).catch((err: ProbeError) => {
    throw new CannotRunError(`CLIENT KILL on ${target.host}:${target.port} failed: ${err.problem ?? err.message}`);
  });
}

/** Redis refuses DEBUG unless `enable-debug-command` allows it (7.0 default: no). */
const DEBUG_REFUSED = /DEBUG command not allowed/i;

/**
 * `debug-sleep`: DEBUG SLEEP hangs the whole server for `pauseMs`. The reply comes when the
 * sleep ends; `ended` resolves then (with the monotonic time).
 */
export async function debugSleep(target: Endpoint, admin: Admin, pauseMs: number): Promise<{ ended: Promise<number> }> {
  const client = await openProbeClient(target, admin.password, { commandTimeoutMs: pauseMs + 10_000, ...(admin.tls && { tls: admin.tls }) }).catch(
    (err: ProbeError) => {
      throw new CannotRunError(`debug-sleep: cannot reach ${target.host}:${target.port}: ${err.problem ?? err.message}`);
    },
  );
  // DEBUG HELP answers at once, so a refusal is known before t0's command rather than after a sleep that never happened.
  try {
    await client.call('DEBUG', 'HELP');
  } catch (err) {
    client.disconnect();
    const why = errorMessage(err);
    throw new CannotRunError(
      DEBUG_REFUSED.test(why)
        ? `debug-sleep: ${target.host}:${target.port} refuses DEBUG (enable-debug-command is no, or local and redis-arc is not on its host; managed services never allow it); use --fault pause or --fault-cmd`
        : `debug-sleep: DEBUG on ${target.host}:${target.port} failed: ${why}`,
    );
  }
  const ended = client
    .call('DEBUG', 'SLEEP', String(pauseMs / 1000))
    .then(
      () => performance.now(),
      () => performance.now(),
    )
    .finally(() => client.disconnect());
  return { ended };
}

/** `CLUSTER FAILOVER [FORCE|TAKEOVER]` on a replica of the target master. */
export async function clusterFailover(replica: Endpoint | undefined, targetId: string, admin: Admin, mode?: 'FORCE' | 'TAKEOVER'): Promise<void> {
  const name = `cluster-failover${mode ? `-${mode.toLowerCase()}` : ''}`;
  if (!replica) throw new CannotRunError(`${name} needs a replica of ${targetId} to promote; it has none`);
  await adminCommand(replica, admin, ['CLUSTER', 'FAILOVER', ...(mode ? [mode] : [])]);
}

export async function adminCommand(ep: Endpoint, admin: Admin, [name, ...args]: [string, ...string[]]): Promise<void> {
  // withClient's errors are ProbeErrors: one line, password scrubbed; `problem` is the text without the address.
  await withClient(ep, admin.password, (c) => c.call(name, ...args), admin.tls ? { tls: admin.tls } : {}).catch((err: ProbeError) => {
    throw new CannotRunError(`${[name, ...args].join(' ')} on ${ep.host}:${ep.port} failed: ${err.problem}`);
  });
}
