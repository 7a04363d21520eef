import { NO_HEAL, type FaultDefinition } from './fault.js';
import { clusterFailover } from './fault-redis.js';

/** `CLUSTER FAILOVER TAKEOVER` on a replica of the node hit: it takes over without any election. */
export const clusterFailoverTakeover: FaultDefinition<'cluster-failover-takeover'> = {
  id: 'cluster-failover-takeover',
  kinds: ['cluster'],
  promotes: true,
  needsRuntime: false,
  async inject(ctx) {
    await clusterFailover(ctx.replica, ctx.target.id, { password: ctx.password, tls: ctx.tls }, 'TAKEOVER');
    return NO_HEAL;
  },
  healed: () => 'left as is',
};
