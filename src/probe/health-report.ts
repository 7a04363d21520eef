import type { Kind } from '../specfile/defaults.js';
import { DEFAULT_PROBE_CLIENT_OPTIONS, type ProbeClientOptions } from './client.js';
import { DEFAULT_MAX_LAG_SECONDS } from './health-defaults.js';
import type { ClusterInfo } from './cluster.js';
import type { SlotRange } from './cluster-nodes.js';
import type { Endpoint } from '../redis/endpoint.js';

export type Verdict = 'healthy' | 'degraded' | 'down';

/** One data node (master or replica) as facts; src/report turns it into a table row or JSON. */
export interface DataNodeStatus {
  /** Planned node id (`redis-3`), when the topology is one redis-arc planned. */
  name?: string;
  address: Endpoint;
  reachable: boolean;
  /** Why it could not be read, when unreachable. */
  error?: string;
  role?: 'master' | 'replica';
  /** Replicas: the master they follow (as the host reaches it). */
  master?: Endpoint;
  /** Replicas: master_link_status. */
  link?: 'up' | 'down';
  offset?: number;
  lagBytes?: number;
  lagSeconds?: number;
  clients?: number;
  memoryBytes?: number;
  memoryHuman?: string;
  /** Cluster: node id and flags, from the majority's CLUSTER NODES (so unreachable nodes have them too). */
  clusterId?: string;
  flags?: string[];
  /** Cluster masters: their slot ranges and the addresses of their replicas. */
  slots?: SlotRange[];
  replicas?: Endpoint[];
}

/** One sentinel's view of the monitored master. */
export interface SentinelStatus {
  name?: string;
  address: Endpoint;
  reachable: boolean;
  error?: string;
  /** The master address this sentinel names (as the host reaches it). */
  master?: Endpoint;
  masterFlags?: string[];
  /** Replicas it knows (num-slaves) and how many of those it does not consider down. */
  knownReplicas?: number;
  usableReplicas?: number;
  otherSentinels?: number;
  quorum?: number;
  ckquorum?: { ok: boolean; message: string };
}

export interface HealthReport {
  kind: Kind;
  verdict: Verdict;
  /** One human line per problem, most fundamental first; empty when healthy. */
  problems: string[];
  checkedAt: string;
  /** Standalone and sentinel: the master's address. */
  master?: Endpoint;
  nodes: DataNodeStatus[];
  sentinels: SentinelStatus[];
  /** Cluster: CLUSTER INFO as the majority of nodes report it. */
  cluster?: ClusterInfo;
}

export interface HealthOptions {
  /** A replica further behind than this (seconds) is a problem. */
  maxLagSeconds: number;
  client: ProbeClientOptions;
  /**
   * Sentinel, for a start's wait: a peer whose PING has been waiting longer than this is not
   * answering. A peer a sentinel has never reached shows no flag until down-after-milliseconds
   * (and CKQUORUM counts it meanwhile); its unanswered PING shows at once.
   */
  peerPingMs?: number;
}

export const DEFAULT_HEALTH_OPTIONS: HealthOptions = {
  maxLagSeconds: DEFAULT_MAX_LAG_SECONDS,
  client: DEFAULT_PROBE_CLIENT_OPTIONS,
};

/** The verdict once the fatal conditions ("down") are known: any problem left means degraded. */
export const verdictOf = (down: boolean, problems: string[]): Verdict => (down ? 'down' : problems.length > 0 ? 'degraded' : 'healthy');

/**
 * Collects problem lines; the same issue reported by several observers becomes one line
 * (`x: flagged fail (reported by 4 nodes)`) instead of one line per observer. Lines keep the
 * order in which they were first added, so the most fundamental problem comes first.
 */
export class Problems {
  private readonly seen = new Map<string, string[]>();

  /** `observers` names them in the plural: "(reported by 3 sentinels)". */
  constructor(private readonly observers = 'nodes') {}

  add(line: string, observer?: string): void {
    const by = this.seen.get(line) ?? [];
    if (observer) by.push(observer);
    this.seen.set(line, by);
  }

  lines(): string[] {
    return [...this.seen].map(([line, by]) => (by.length === 0 ? line : `${line} (reported by ${by.length === 1 ? by[0] : `${by.length} ${this.observers}`})`));
  }
}
