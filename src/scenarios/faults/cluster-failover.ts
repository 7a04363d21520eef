import { NO_HEAL, type FaultDefinition } from './fault.js';
import { clusterFailover as failoverCommand } from './fault-redis.js';

/** `CLUSTER FAILOVER` on a replica of the node hit: master and replica hand over together, writes paused meanwhile. */
export const clusterFailover: FaultDefinition<'cluster-failover'> = {
  id: 'cluster-failover',
  kinds: ['cluster'],
  promotes: true,
  needsRuntime: false,
  async inject(ctx) {
    await failoverCommand(ctx.replica, ctx.target.id, { password: ctx.password, tls: ctx.tls });
    return NO_HEAL;
  },
  healed: () => 'left as is',
};
