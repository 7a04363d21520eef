import { CannotRunError } from './cannot-run.js';
import { NO_HEAL, type FaultDefinition } from './fault.js';
import { adminCommand } from './fault-redis.js';

/** `SENTINEL FAILOVER <master>`: a failover the sentinels run without any node failing. */
export const sentinelFailover: FaultDefinition<'sentinel-failover'> = {
  id: 'sentinel-failover',
  kinds: ['sentinel'],
  promotes: true,
  needsRuntime: false,
  async inject(ctx) {
    if (!ctx.sentinel) throw new CannotRunError('sentinel-failover needs a sentinel topology');
    await adminCommand(ctx.sentinel.endpoint, { password: ctx.sentinel.password, tls: ctx.tls }, ['SENTINEL', 'FAILOVER', ctx.sentinel.masterName]);
    return NO_HEAL;
  },
  healed: () => 'left as is',
};
