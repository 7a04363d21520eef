import type { FaultDefinition } from './fault.js';
import { cutsLocalNetwork, injectNetwork, NETWORK_IN_PLACE, NETWORK_RESTORED, networkOptions } from './fault-network.js';

/** nftables, for `--fault-ms`: clients' packets to the node hit dropped, no reset: nodes still see each other, so nothing fails over. */
export const hangClients: FaultDefinition<'hang-clients'> = {
  id: 'hang-clients',
  kinds: ['sentinel', 'cluster'],
  promotes: false,
  lastsFaultMs: NETWORK_IN_PLACE,
  needsRuntime: true,
  withoutRuntime: cutsLocalNetwork('hang-clients'),
  inject: (ctx, runtime) => injectNetwork('hang-clients', networkOptions(ctx, runtime)),
  healed: () => NETWORK_RESTORED,
};
