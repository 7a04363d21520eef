import { NO_HEAL, type FaultDefinition } from './fault.js';
import { clusterFailover } from './fault-redis.js';

/** `CLUSTER FAILOVER FORCE` on a replica of the node hit: it takes over without its master's agreement, still elected by the other masters. */
export const clusterFailoverForce: FaultDefinition<'cluster-failover-force'> = {
  id: 'cluster-failover-force',
  kinds: ['cluster'],
  promotes: true,
  needsRuntime: false,
  async inject(ctx) {
    await clusterFailover(ctx.replica, ctx.target.id, { password: ctx.password, tls: ctx.tls }, 'FORCE');
    return NO_HEAL;
  },
  healed: () => 'left as is',
};
