import { withClient } from '../../probe/client.js';
import type { ProbeError } from '../../probe/probe-error.js';
import { ArcError, EXIT } from '../../errors/index.js';
import type { Endpoint } from '../../probe/endpoint.js';
import type { TlsMaterial } from '../../probe/redis-client.js';
import type { Runtime } from '../../runtime/runtime.js';
import type { Fault } from './types.js';

/** The trial cannot run as asked (exit 2), as opposed to a run whose numbers breach a threshold (exit 1). */
export class CannotRunError extends ArcError {
  constructor(message: string) {
    super(message, EXIT.usage);
  }
}

export interface FaultTarget {
  /** Node id when redis-arc runs the topology; the address otherwise. */
  id: string;
  address: Endpoint;
  role: string;
  /** Cluster: the node's cluster id (its replicas point at it). */
  clusterId?: string;
}

export interface FaultContext {
  runtime?: Runtime;
  target: FaultTarget;
  pauseMs: number;
  sentinel?: { endpoint: Endpoint; masterName: string; password?: string };
  /** A replica of the target master (cluster-failover runs there). */
  replica?: Endpoint;
  password?: string;
  /** TLS-only nodes: what the fault's own admin connection presents. */
  tls?: TlsMaterial;
}

/** An injected fault: `heal` undoes what is left of it (restart a killed node, resume a paused one). */
export interface InjectedFault {
  heal(): Promise<void>;
  /** The fault ended by itself (a pause that was resumed). */
  readonly endedAt?: number;
}

/** Inject a fault through the Runtime (processes) or through Redis (graceful failovers), never by signalling pids here. */
export async function inject(fault: Fault, ctx: FaultContext): Promise<InjectedFault> {
  switch (fault) {
    case 'kill': {
      const runtime = needRuntime(ctx, fault);
      await runtime.act(ctx.target.id, 'kill');
      return { heal: once(() => runtime.act(ctx.target.id, 'restart')) };
    }
    case 'pause': {
      const runtime = needRuntime(ctx, fault);
      await runtime.act(ctx.target.id, 'pause');
      let resumed = false;
      const state: { endedAt?: number } = {};
      const resume = async () => {
        if (resumed) return;
        resumed = true;
        clearTimeout(timer);
        await runtime.act(ctx.target.id, 'resume');
        state.endedAt = performance.now();
      };
      const timer = setTimeout(() => void resume().catch(() => undefined), ctx.pauseMs);
      return {
        heal: resume,
        get endedAt() {
          return state.endedAt;
        },
      };
    }
    case 'sentinel-failover': {
      if (!ctx.sentinel) throw new CannotRunError('sentinel-failover needs a sentinel topology');
      await command(ctx.sentinel.endpoint, ctx.sentinel.password, ['SENTINEL', 'FAILOVER', ctx.sentinel.masterName], ctx.tls);
      return { heal: async () => {} };
    }
    case 'cluster-failover': {
      if (!ctx.replica) throw new CannotRunError(`cluster-failover needs a replica of ${ctx.target.id} to promote; it has none`);
      await command(ctx.replica, ctx.password, ['CLUSTER', 'FAILOVER'], ctx.tls);
      return { heal: async () => {} };
    }
  }
}

function needRuntime(ctx: FaultContext, fault: Fault): Runtime {
  if (!ctx.runtime) {
    throw new CannotRunError(
      `--fault ${fault} needs a topology redis-arc started (it signals the process); attached topologies support the graceful faults only: sentinel-failover, cluster-failover`,
    );
  }
  return ctx.runtime;
}

/** Heal may be called by the trial and again by its cleanup: the second call does nothing. */
function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= fn());
}

async function command(ep: Endpoint, password: string | undefined, command: string[], tls?: TlsMaterial): Promise<void> {
  // withClient's errors are ProbeErrors: one line, password scrubbed; `problem` is the text without the address.
  await withClient(ep, password, (c) => c.call(command[0]!, ...command.slice(1)), tls ? { tls } : {}).catch((err: ProbeError) => {
    throw new CannotRunError(`${command.join(' ')} on ${ep.host}:${ep.port} failed: ${err.problem}`);
  });
}
