import type { NodePlan, Topology } from '../topology/types.js';

export type NodeAction = 'kill' | 'pause' | 'resume' | 'restart';

/** What a runtime knows about one node without asking Redis. */
export interface NodeRunState {
  id: string;
  /** running: the process/container is there; stopped: it is not; paused: SIGSTOP / docker pause. */
  state: 'running' | 'paused' | 'stopped';
  detail?: string;
}

export interface StartStep {
  /** Shown by the spinner: what is being waited for. */
  message: string;
}

export interface LogOptions {
  lines: number;
  follow: boolean;
  write: (line: string) => void;
}

export interface StopResult {
  stopped: string[];
  /** Nodes that needed SIGKILL (or docker kill) after the grace period. */
  killed: string[];
  alreadyStopped: string[];
  purged: boolean;
  /** Nodes still running after a full stop (their data is kept); absent when the runtime does not check. */
  left?: NodeRunState[];
}

export interface StartRunOptions {
  /**
   * The project folder was made empty for this start: nothing can run from it and no node was
   * made from another spec, so the look at the nodes' states (a scan of /proc when no pid is on
   * record) is skipped.
   */
  fresh?: boolean;
}

/**
 * How a topology runs: the only place that knows about processes or containers. Probes,
 * connections and scenarios talk Redis to `endpoint(node)` and act on nodes through `act`.
 */
export interface Runtime {
  readonly name: 'local' | 'docker';
  readonly topology: Topology;
  /**
   * CA and client certificate for reaching the nodes, when the topology is TLS-only
   * (src/security/tls.ts): for the runtime's own use while it starts them (boot.ts forms the
   * cluster and waits for the nodes). Everyone else takes them from the running topology's target.
   */
  readonly tls?: { ca: string; cert?: string; key?: string };
  /** Start every node that is not running. Returns the ids it started. */
  start(onStep?: (step: StartStep) => void, opts?: StartRunOptions): Promise<string[]>;
  /** Stop every node (or only `nodes`): TERM, then KILL after the grace period. */
  stop(opts?: { purge?: boolean; graceMs?: number; nodes?: string[] }): Promise<StopResult>;
  states(): Promise<NodeRunState[]>;
  act(nodeId: string, action: NodeAction): Promise<void>;
  /** The address the host uses to reach a node. */
  endpoint(node: NodePlan): { host: string; port: number };
  /** Problems with the runtime's own bookkeeping (a corrupt state file, say), for `status`. */
  diagnose?(): Promise<string[]>;
  /** Path of a node's log file (local) or a command that prints it (docker). */
  logFile(nodeId: string): string;
  /** Print the last lines of one node's log (or every node's, prefixed by node); `follow` streams until the process ends. */
  printLogs(nodeId: string | undefined, opts: LogOptions): Promise<void>;
}
