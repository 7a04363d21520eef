import { withClient } from '../../probe/client.js';
import { sameEndpoint, type Endpoint } from '../../redis/endpoint.js';
import type { TlsMaterial } from '../../redis/client.js';

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
 * master (no failover happened), is left alone.
 */
export async function rejoinAsReplica(ctx: RejoinContext, node: Endpoint, namedAtFault?: Endpoint): Promise<void> {
  const opts = ctx.tls ? { tls: ctx.tls } : {};
  const master = await namedMaster(ctx);
  // No failover since the fault: the sentinels still name the node hit (compared in their own
  // address space, which differs from the host's on a docker bridge network).
  if (!master || sameEndpoint(master, node) || (namedAtFault && sameEndpoint(master, namedAtFault))) return;
  const to = master;
  await withClient(
    node,
    ctx.password,
    async (c) => {
      // ROLE: ['master', ...] or ['slave', host, port, ...]. A node that restarts replicating
      // some other address (its conf rewritten before an earlier failover) is pointed at the
      // master too, as the sentinels' +fix-slave-config would do.
      const role: unknown = await c.call('ROLE');
      if (!Array.isArray(role) || role[0] === 'sentinel') return;
      const following = role[0] === 'slave' && sameEndpoint({ host: String(role[1]), port: Number(role[2]) }, to);
      if (!following) await c.call('REPLICAOF', to.host, String(to.port));
    },
    opts,
  ).catch(() => undefined);
}

/** The master the first answering sentinel names, as the sentinels know it. */
export async function namedMaster(ctx: RejoinContext): Promise<Endpoint | undefined> {
  for (const s of ctx.sentinels) {
    const named = await withClient(
      s,
      ctx.sentinelPassword,
      (c) => c.call('SENTINEL', 'GET-MASTER-ADDR-BY-NAME', ctx.masterName),
      ctx.tls ? { tls: ctx.tls } : {},
    ).catch(() => undefined);
    if (Array.isArray(named) && named.length === 2) return { host: String(named[0]), port: Number(named[1]) };
  }
  return undefined;
}
