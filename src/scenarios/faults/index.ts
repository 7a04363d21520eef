import { CannotRunError } from './cannot-run.js';
import { clusterFailover } from './cluster-failover.js';
import { clusterFailoverForce } from './cluster-failover-force.js';
import { clusterFailoverTakeover } from './cluster-failover-takeover.js';
import { command } from './command.js';
import { connections } from './connections.js';
import { debugSleep } from './debug-sleep.js';
import type { FaultContext, FaultDefinition, InjectedFault } from './fault.js';
import { hangClients } from './hang-clients.js';
import { isolate } from './isolate.js';
import { kill } from './kill.js';
import type { Fault } from './names.js';
import { partition } from './partition.js';
import { pause } from './pause.js';
import { sentinelFailover } from './sentinel-failover.js';

export { CannotRunError } from './cannot-run.js';
export type { CommandRun, FaultContext, FaultDefinition, FaultTarget, InjectedFault } from './fault.js';
export { FAULTS, type Fault } from './names.js';

/**
 * Every fault, one file each (file name = `--fault` id). Typed by id, so a fault named in
 * `names.ts` without a definition here, or a definition under another's id, does not compile.
 * A new fault: its file in this folder, its id in `names.ts`, its line here, and its test.
 */
export const FAULT_CATALOGUE: { readonly [F in Fault]: FaultDefinition<F> } = {
  kill,
  pause,
  'sentinel-failover': sentinelFailover,
  'cluster-failover': clusterFailover,
  'cluster-failover-force': clusterFailoverForce,
  'cluster-failover-takeover': clusterFailoverTakeover,
  connections,
  'debug-sleep': debugSleep,
  partition,
  isolate,
  'hang-clients': hangClients,
  command,
};

/** A fault's definition: the topologies it applies to, whether it promotes, whether it lasts `--fault-ms`. */
export const faultOf = (fault: Fault): FaultDefinition => FAULT_CATALOGUE[fault];

/** Inject a fault through the Runtime (processes, network), through Redis, or through the user's command; never by signalling pids here. */
export async function inject(fault: Fault, ctx: FaultContext): Promise<InjectedFault> {
  const def = faultOf(fault);
  if (!def.needsRuntime) return def.inject(ctx);
  if (!ctx.runtime) throw new CannotRunError(def.withoutRuntime);
  return def.inject(ctx, ctx.runtime);
}
