// The options of sentinel(), cluster() and standalone(): the setup a test asks for.
import type { PortSearchRange } from './ports.js';

/** What every kind accepts. */
export interface CommonOptions {
  /** Password on every node (default true; BullMQ logs in with it). */
  auth?: boolean;
  /**
   * The admin password (nodes and sentinels) when your test or the application's config must name
   * it beforehand (Testcontainers' withPassword); by default a new random one, read from `password`.
   */
  password?: string;
  /** BullMQ logs in as an ACL user of its own rather than as the admin. */
  acl?: boolean;
  /**
   * TLS-only nodes (replication, cluster bus and sentinels too) with a CA generated in the folder;
   * connection() and connectionOptions() carry the client certificate. For your client's TLS settings.
   */
  tls?: boolean;
  /**
   * Append-only file on every node (default true, as `redis-arc up`: a killed node comes back with
   * what it acknowledged). false saves creating the AOF at start-up (6-35 ms here); a killed node
   * then restarts empty and resyncs from the master it rejoins.
   */
  appendonly?: boolean;
  /**
   * `per-node`: every node on its own loopback address (127.1.x.y), so the network faults
   * (`fail('partition' | 'isolate' | 'hang-clients')`, as root with nft) can cut links between them.
   */
  addresses?: 'shared' | 'per-node';
  /**
   * `hostnames`: nodes announce stable names (`redis-1.arc.internal`, as pods do in Kubernetes)
   * rather than addresses; each node resolves them through an /etc/hosts of its own (a private
   * mount namespace: `unshare`, as root or with unprivileged user namespaces). connection() maps
   * the names to the local addresses, as a client behind `kubectl port-forward` would (natMap).
   */
  announce?: 'addresses' | 'hostnames';
  /** Where the library looks for free ports (default: REDIS_ARC_TESTING_PORTS, else 10000-22767, so cluster bus ports stay below 32768). */
  ports?: PortSearchRange;
  /** Give up starting after this long (default 30 s; docker: 120 s). */
  timeoutMs?: number;
  /**
   * `docker`: every node a container of its own compose project (host network), through the
   * engine DOCKER_HOST names; default `local` (redis-server processes, no engine needed).
   */
  runtime?: 'local' | 'docker';
  /** docker: the image (default the spec's, redis:7.2); it must be there or pullable. */
  image?: string;
  /**
   * local: the server the nodes run (docs/servers.md): `redis-7.0` (redis-server on PATH, the
   * default), `redis-8.0` or `valkey-8.1` (fetched first by `redis-arc servers add`), or a path to
   * a redis-server / valkey-server binary.
   */
  server?: string;
}

export interface SentinelOptions extends CommonOptions {
  /** Replicas of the master (default 2). */
  replicas?: number;
  /** Sentinels (default 3; quorum is a majority). */
  sentinels?: number;
  /** Sentinel's down-after-milliseconds (default 1000: a test wants a quick failover). */
  downAfterMs?: number;
}

export interface ClusterTopologyOptions extends CommonOptions {
  /** Masters (default 3). */
  masters?: number;
  /** Replicas per master (default 1). */
  replicasPerMaster?: number;
  /** cluster-node-timeout (default 1000). */
  nodeTimeoutMs?: number;
}
