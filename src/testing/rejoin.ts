import { withClient } from '../probe/client.js';
import { sameEndpoint, type Endpoint } from '../probe/endpoint.js';
import { probeClientOptions, type ProbeTarget } from '../probe/target.js';

type SentinelTarget = Extract<ProbeTarget, { kind: 'sentinel' }>;

/**
 * A killed Sentinel master restarts still believing it is the master, and the sentinels turn it
 * into a replica only 8 s later (four of their 2 s publish periods). heal() does at once what the
 * sentinels would do then: REPLICAOF the master they name. Best effort: if it fails, the
 * sentinels still do it themselves, and heal() waits for health either way.
 */
export async function rejoinAsReplica(target: SentinelTarget, node: Endpoint): Promise<void> {
  const opts = probeClientOptions(target);
  let master: Endpoint | undefined;
  for (const s of target.sentinels) {
    const named = await withClient(s, target.sentinelPassword, (c) => c.call('SENTINEL', 'GET-MASTER-ADDR-BY-NAME', target.masterName), opts).catch(() => undefined);
    if (Array.isArray(named) && named.length === 2) {
      master = { host: String(named[0]), port: Number(named[1]) };
      break;
    }
  }
  if (!master || sameEndpoint(master, node)) return;
  await withClient(
    node,
    target.password,
    async (c) => {
      const role = (await c.call('ROLE')) as unknown[];
      if (role[0] === 'master') await c.call('REPLICAOF', master.host, String(master.port));
    },
    opts,
  ).catch(() => undefined);
}
