import type { Endpoint } from '../../redis/endpoint.js';
import type { TlsMaterial } from '../../redis/client.js';
import type { Runtime } from '../../runtime/runtime.js';
import { CannotRunError } from './cannot-run.js';
import { describeFailure, runUserCommand, type Placeholders } from './fault-command.js';
import { injectNetwork } from './fault-network.js';
import { adminCommand, clusterFailover, debugSleep, killConnections } from './fault-redis.js';
import { namedMaster, rejoinAsReplica, type RejoinContext } from './rejoin.js';
import type { CommandRun, Fault } from './types.js';

export { CannotRunError } from './cannot-run.js';

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
  /** How long pause, debug-sleep and network faults last (`--fault-ms`). */
  pauseMs: number;
  /** `--partition 'a,b|c,d'`: the sides of a partition fault. */
  partition?: string;
  sentinel?: { endpoint: Endpoint; masterName: string; password?: string };
  /** A replica of the target master (cluster-failover runs there). */
  replica?: Endpoint;
  password?: string;
  /** TLS-only nodes: what the fault's own admin connection presents. */
  tls?: TlsMaterial;
  /** `command`: the user's `--fault-cmd` and `--heal-cmd`, how long each may run, and what to scrub from their output. */
  commands?: { fault: string; heal?: string; timeoutMs: number; secrets: string[]; signal?: AbortSignal };
}

/** An injected fault: `heal` undoes what is left of it (restart a killed node, resume a paused one). */
export interface InjectedFault {
  heal(): Promise<void>;
  /** The fault ended by itself (a pause that was resumed, a DEBUG SLEEP that returned). */
  readonly endedAt?: number;
  /** Network faults: when the table was deleted (wall clock), and the nodes cut off with the target. */
  readonly endedEpochMs?: number;
  cutOff?: string[];
  /** What the fault did, when its name does not say it all. */
  detail?: string;
  faultCommand?: CommandRun;
  /** Set once `heal` ran a `--heal-cmd`. */
  readonly healCommand?: CommandRun;
}

const NO_HEAL = { heal: async () => {} };

/** Inject a fault through the Runtime (processes), through Redis, or through the user's command; never by signalling pids here. */
export async function inject(fault: Fault, ctx: FaultContext): Promise<InjectedFault> {
  const admin = { password: ctx.password, tls: ctx.tls };
  switch (fault) {
    case 'kill': {
      const runtime = needRuntime(ctx, fault);
      await runtime.act(ctx.target.id, 'kill');
      // Who the sentinels name right after the kill (still the node hit: a failover takes at least
      // down-after): the heal rejoins the node only once they name another. Read after t0 and
      // the kill, not awaited here: it touches nothing measured.
      const namedAtFault = ctx.sentinel ? namedMaster(rejoinContext(ctx.sentinel, ctx)) : undefined;
      namedAtFault?.catch(() => undefined);
      return { heal: once(() => restartKilled(runtime, ctx, namedAtFault)) };
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
      await adminCommand(ctx.sentinel.endpoint, { password: ctx.sentinel.password, tls: ctx.tls }, ['SENTINEL', 'FAILOVER', ctx.sentinel.masterName]);
      return NO_HEAL;
    }
    case 'cluster-failover':
      await clusterFailover(ctx.replica, ctx.target.id, admin);
      return NO_HEAL;
    case 'cluster-failover-force':
      await clusterFailover(ctx.replica, ctx.target.id, admin, 'FORCE');
      return NO_HEAL;
    case 'cluster-failover-takeover':
      await clusterFailover(ctx.replica, ctx.target.id, admin, 'TAKEOVER');
      return NO_HEAL;
    case 'connections':
      return { ...NO_HEAL, detail: await killConnections(ctx.target.address, admin) };
    case 'debug-sleep': {
      const state: { endedAt?: number } = {};
      const { ended } = await debugSleep(ctx.target.address, admin, ctx.pauseMs);
      void ended.then((at) => (state.endedAt = at));
      return {
        // The sleep cannot be cut short: healing waits for it to end.
        heal: async () => void (await ended),
        get endedAt() {
          return state.endedAt;
        },
      };
    }
    case 'command':
      return injectCommand(ctx);
    case 'partition':
    case 'isolate':
    case 'hang-clients':
      return injectNetwork(fault, { runtime: ctx.runtime, targetId: ctx.target.id, faultMs: ctx.pauseMs, ...(ctx.partition !== undefined && { partition: ctx.partition }) });
  }
}

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

/** `--fault-cmd`: run the user's command at t0; a command that fails means no fault happened, so the trial stops here. */
async function injectCommand(ctx: FaultContext): Promise<InjectedFault> {
  const c = ctx.commands;
  if (!c) throw new CannotRunError('--fault command needs --fault-cmd');
  const values: Placeholders = {
    node: ctx.runtime ? ctx.target.id : nodeName(ctx.target),
    host: ctx.target.address.host,
    port: String(ctx.target.address.port),
    role: ctx.target.role,
  };
  const run = await runUserCommand(c.fault, values, { timeoutMs: c.timeoutMs, secrets: c.secrets, ...(c.signal && { signal: c.signal }) });
  if (run.exitCode !== 0) throw new CannotRunError(`--fault-cmd ${describeFailure(run)}; no fault happened, nothing was measured`);
  const state: { healCommand?: CommandRun } = {};
  const heal = c.heal;
  return {
    faultCommand: run,
    heal: heal
      ? once(async () => {
          state.healCommand = await runUserCommand(heal, values, { timeoutMs: c.timeoutMs, secrets: c.secrets, ...(c.signal && { signal: c.signal }) });
        })
      : NO_HEAL.heal,
    get healCommand() {
      return state.healCommand;
    },
  };
}

/**
 * `{node}` on an attached topology: the host's first label when the node is known by name (a
 * Kubernetes pod announced as redis-node-0.redis-headless.ns.svc → redis-node-0), else host:port.
 */
function nodeName(target: FaultTarget): string {
  const host = target.address.host;
  const isIp = /^[\d.]+$/.test(host) || host.includes(':');
  return isIp || host === 'localhost' ? target.id : host.split('.')[0]!;
}

function needRuntime(ctx: FaultContext, fault: Fault): Runtime {
  if (!ctx.runtime) {
    throw new CannotRunError(
      `--fault ${fault} needs a topology redis-arc started (it signals the process); on an attached topology use --fault-cmd '<your command>' ` +
        'or a fault Redis itself runs: connections, debug-sleep, sentinel-failover, cluster-failover(-force|-takeover)',
    );
  }
  return ctx.runtime;
}

/** Heal may be called by the trial and again by its cleanup: the second call does nothing. */
function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= fn());
}
