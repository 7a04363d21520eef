import { NO_HEAL, type FaultDefinition } from './fault.js';
import { killConnections } from './fault-redis.js';

/** `CLIENT KILL` every application connection of the node hit: nothing fails over, clients must reconnect. */
export const connections: FaultDefinition<'connections'> = {
  id: 'connections',
  kinds: ['sentinel', 'cluster'],
  promotes: false,
  needsRuntime: false,
  inject: async (ctx) => ({ ...NO_HEAL, detail: await killConnections(ctx.target.address, { password: ctx.password, tls: ctx.tls }) }),
  healed: () => 'left as is',
};
