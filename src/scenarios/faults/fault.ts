import type { Endpoint } from '../../redis/endpoint.js';
import type { TlsMaterial } from '../../redis/client.js';
import type { Runtime } from '../../runtime/runtime.js';

/** The node a fault hits. */
export interface FaultTarget {
  /** Node id when redis-arc runs the topology; the address otherwise. */
  id: string;
  address: Endpoint;
  role: string;
  /** Cluster: the node's cluster id (its replicas point at it). */
  clusterId?: string;
}

/** Everything a fault may need, built once from the trial plan (`failover/trial/fault-context.ts`). */
export interface FaultContext {
  runtime?: Runtime;
  /** The project folder the topology was started from (absent when attached): names its nftables table for network faults. */
  projectDir?: string;
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

/** A `--fault-cmd` or `--heal-cmd` as it ran: the expanded command, its exit status, how long it took, its output (tail). */
export interface CommandRun {
  command: string;
  /** null: killed by a signal or a timeout (see `signal`). */
  exitCode: number | null;
  signal?: string;
  durationMs: number;
  /** stdout and stderr interleaved, at most the last 4 KiB; the topology's passwords replaced by ***. */
  output: string;
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

/** What every fault says of itself. */
interface FaultFacts<Id extends string> {
  /** Its `--fault` name; the file is `faults/<id>.ts`. */
  id: Id;
  /** The topologies it runs on (a standalone node has nothing to fail over to). */
  kinds: readonly ('sentinel' | 'cluster')[];
  /** A master it hits is failed over: the trial and `fail()` wait for a promotion. */
  promotes: boolean;
  /**
   * It lasts `--fault-ms` and ends by itself: a promotion is still possible until shortly after
   * its end, and the trial's progress line says `whileInPlace` meanwhile. Absent: done once injected.
   */
  lastsFaultMs?: { whileInPlace: string };
  /** The heal event's text: what healing did to the node hit. */
  healed(injected: InjectedFault): string;
}

/**
 * One fault of the catalogue (`faults/index.ts`). One that acts on processes or the network of a
 * topology redis-arc started needs its runtime, and says what it refuses without one; the others
 * run through Redis (or the user's command) and so also on attached topologies.
 */
export type FaultDefinition<Id extends string = string> = FaultFacts<Id> &
  (
    | { needsRuntime: false; inject(ctx: FaultContext): Promise<InjectedFault> }
    | { needsRuntime: true; withoutRuntime: string; inject(ctx: FaultContext, runtime: Runtime): Promise<InjectedFault> }
  );

/** The fault leaves nothing to undo. */
export const NO_HEAL = { heal: async () => {} };

/** Heal may be called by the trial and again by its cleanup: the second call does nothing. */
export function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= fn());
}

/** The refusal of a fault that signals a node's process, on a topology redis-arc did not start. */
export const signalsProcess = (fault: string): string =>
  `--fault ${fault} needs a topology redis-arc started (it signals the process); on an attached topology use --fault-cmd '<your command>' ` +
  'or a fault Redis itself runs: connections, debug-sleep, sentinel-failover, cluster-failover(-force|-takeover)';
