import type { FaultDefinition } from './fault.js';
import { cutsLocalNetwork, injectNetwork, NETWORK_IN_PLACE, NETWORK_RESTORED, networkOptions } from './fault-network.js';

/** nftables, for `--fault-ms`: the node hit (or `--partition`'s sides) cut off from every other node; clients on 127.0.0.1 still reach both sides. */
export const partition: FaultDefinition<'partition'> = {
  id: 'partition',
  kinds: ['sentinel', 'cluster'],
  promotes: true,
  lastsFaultMs: NETWORK_IN_PLACE,
  needsRuntime: true,
  withoutRuntime: cutsLocalNetwork('partition'),
  inject: (ctx, runtime) => injectNetwork('partition', networkOptions(ctx, runtime)),
  healed: () => NETWORK_RESTORED,
};
