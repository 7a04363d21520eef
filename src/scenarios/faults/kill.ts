import type { Endpoint } from '../../redis/endpoint.js';
import type { Runtime } from '../../runtime/runtime.js';
import { once, signalsProcess, type FaultContext, type FaultDefinition } from './fault.js';
import { namedMaster, rejoinAsReplica, type RejoinContext } from './rejoin.js';

/** SIGKILL the node's process; the heal restarts it (and makes a failed-over Sentinel master a replica at once). */
export const kill: FaultDefinition<'kill'> = {
  id: 'kill',
  kinds: ['sentinel', 'cluster'],
  promotes: true,
  needsRuntime: true,
  withoutRuntime: signalsProcess('kill'),
  async inject(ctx, runtime) {
    await runtime.act(ctx.target.id, 'kill');
    // Who the sentinels name right after the kill (still the node hit: a failover takes at least
    // down-after): the heal rejoins the node only once they name another. Read after t0 and
    // the kill, not awaited here: it touches nothing measured.
    const namedAtFault = ctx.sentinel ? namedMaster(rejoinContext(ctx.sentinel, ctx)) : undefined;
    namedAtFault?.catch(() => undefined);
    return { heal: once(() => restartKilled(runtime, ctx, namedAtFault)) };
  },
  healed: () => 'restarted',
};

/**
 * Restart a killed node; a Sentinel master that was failed over meanwhile is made a replica of
 * the new master at once instead of when the sentinels get to it (docs/METRICS.md, "Healing").
 */
async function restartKilled(runtime: Runtime, ctx: FaultContext, namedAtFault: Promise<Endpoint | undefined> | undefined): Promise<void> {
  await runtime.act(ctx.target.id, 'restart');
  if (ctx.sentinel) await rejoinAsReplica(rejoinContext(ctx.sentinel, ctx), ctx.target.address, await namedAtFault?.catch(() => undefined));
}

function rejoinContext(s: NonNullable<FaultContext['sentinel']>, ctx: FaultContext): RejoinContext {
  return { sentinels: [s.endpoint], masterName: s.masterName, sentinelPassword: s.password, password: ctx.password, tls: ctx.tls };
}
