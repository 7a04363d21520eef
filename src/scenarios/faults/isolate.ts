import type { FaultDefinition } from './fault.js';
import { cutsLocalNetwork, injectNetwork, NETWORK_IN_PLACE, NETWORK_RESTORED, networkOptions } from './fault-network.js';

/** nftables, for `--fault-ms`: the node hit cut off from everything, clients included; its process keeps running. */
export const isolate: FaultDefinition<'isolate'> = {
  id: 'isolate',
  kinds: ['sentinel', 'cluster'],
  promotes: true,
  lastsFaultMs: NETWORK_IN_PLACE,
  needsRuntime: true,
  withoutRuntime: cutsLocalNetwork('isolate'),
  inject: (ctx, runtime) => injectNetwork('isolate', networkOptions(ctx, runtime)),
  healed: () => NETWORK_RESTORED,
};
