import { withClient } from '../../probe/client.js';
import { sameEndpoint, type Endpoint } from '../../probe/endpoint.js';
import type { TlsMaterial } from '../../probe/redis-client.js';

export interface RejoinContext {
  /** Sentinels to ask who the master is now (the first that answers decides). */
  sentinels: Endpoint[];
  masterName: string;
  sentinelPassword?: string;
  password?: string;
  tls?: TlsMaterial;
}

/**
 * A killed Sentinel master restarts still believing it is the master, and the sentinels turn it
 * into a replica only ~8 s later (four of their 2 s publish periods, then their next INFO). The
 * heal does at once what the sentinels would do then: REPLICAOF the master they name. Best
 * effort: if it fails, the sentinels still do it themselves, and the caller waits for health
 * either way. A node already replicating that master, or that the sentinels still name as
 * master, is left alone.
 */
export async function rejoinAsReplica(ctx: RejoinContext, node: Endpoint): Promise<void> {
  const opts = ctx.tls ? { tls: ctx.tls } : {};
  let master: Endpoint | undefined;
  for (const s of ctx.sentinels) {
    const named = await withClient(s, ctx.sentinelPassword, (c) => c.call('SENTINEL', 'GET-MASTER-ADDR-BY-NAME', ctx.masterName), opts).catch(() => undefined);
    if (Array.isArray(named) && named.length === 2) {
      master = { host: String(named[0]), port: Number(named[1]) };
      break;
    }
  }
  if (!master || sameEndpoint(master, node)) return;
  const to = master;
  await withClient(
    node,
    ctx.password,
    async (c) => {
      // ROLE: ['master', ...] or ['slave', host, port, ...]. A node that restarts replicating
      // some other address (its conf rewritten before an earlier failover) is pointed at the
      // master too, as the sentinels' +fix-slave-config would do.
      const role = (await c.call('ROLE')) as unknown[];
      if (role[0] === 'sentinel') return;
      const following = role[0] === 'slave' && sameEndpoint({ host: String(role[1]), port: Number(role[2]) }, to);
      if (!following) await c.call('REPLICAOF', to.host, String(to.port));
    },
    opts,
  ).catch(() => undefined);
}
