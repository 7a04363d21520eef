import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClusterOptions, RedisOptions } from 'ioredis';
import { closeConnection, connect, whenReady, type Connection } from '../connect/connect.js';
import { clusterOptions, redisOptions } from '../connect/options.js';
import type { ClientRole } from '../client/index.js';
import { ArcError } from '../errors/index.js';
import { printableValue } from '../errors/printable.js';
import { checkTestOptions, oneLine } from './validate.js';
import type { Endpoint } from '../redis/endpoint.js';
import { checkHealth, type HealthReport } from '../probe/health.js';
import { waitUntilHealthy } from '../probe/wait.js';
import { startTopology, type StartedTopology } from '../project/start.js';
import type { InjectedFault } from '../scenarios/faults/index.js';
import { DEFAULT_PASSWORD_FILE, type Kind } from '../specfile/defaults.js';
import type { Role } from '../topology/types.js';
import { failAndWatch, type FailOptions, type FailResult, type TestFault } from './fail.js';
import type { ClusterTopologyOptions, CommonOptions, SentinelOptions } from './options.js';
import { portRange, reservePorts } from './ports.js';
import { reap, startReaper } from './reaper.js';
import { DOCKER_TEST_BOOT_TIMEOUT_MS, IN_PROCESS_BOOT_TIMEOUT_MS } from '../runtime/defaults.js';

/** fail() waits at most this long for the clients from connection() to reconnect after the promotion. */
const RECONNECT_WAIT_MS = 5000;

/** Test-friendly defaults: failovers within seconds. */
const FAST = { downAfterMs: 1000, nodeTimeoutMs: 1000 };

/** Where a cluster client starts, and its options; what `new Cluster(nodes, options)` takes. */
export interface ClusterConnectionOptions {
  nodes: Endpoint[];
  options: ClusterOptions;
}

export type ConnectionOptionsOf<K extends Kind> = K extends 'cluster' ? ClusterConnectionOptions : RedisOptions;

export interface TestNode extends Endpoint {
  id: string;
  /** The planned role; after a failover `status()` says who is master now. */
  role: Role;
}

/** A topology that lives as long as a test: `await using`, or `await topo.stop()` in afterAll. */
export interface TestTopology<K extends Kind = Kind> extends AsyncDisposable {
  kind: K;
  /** The temporary folder holding its confs, data and logs (removed at disposal). */
  dir: string;
  /** The admin password (undefined with auth: false). */
  password: string | undefined;
  /** Sentinel: the name the sentinels monitor the master by (else undefined). */
  masterName: string | undefined;
  /** Sentinel: where the sentinels listen (else empty). */
  sentinels: Endpoint[];
  /** Every process, as planned. */
  nodes: TestNode[];
  /** A new ioredis client for `role`, closed at disposal: producer fails fast, worker (BullMQ's Worker) retries for ever. */
  connection(role?: ClientRole): Connection;
  /** The same settings as plain options, for code that builds its own client. */
  connectionOptions(role?: ClientRole): ConnectionOptionsOf<K>;
  /** Health as Redis reports it now (`redis-arc status`). */
  status(): Promise<HealthReport>;
  /**
   * Inject a failover-test fault into the master (or `opts.node`): kill, pause, debug-sleep,
   * sentinel-failover, cluster-failover(-force|-takeover), connections. Returns once a replica
   * is promoted (at once for `connections`, which promotes nobody) and the clients from
   * connection() are connected again, with timings.
   */
  fail(fault: TestFault, opts?: FailOptions): Promise<FailResult>;
  /** Undo the fault (restart the killed node, resume the paused one) and wait until healthy. */
  heal(opts?: { timeoutMs?: number }): Promise<HealthReport>;
  /** Stop every node and remove the folder (what disposal does). */
  stop(): Promise<void>;
  /** The project-level handle: probe target, credentials, runtime (for what this API does not cover). */
  started: StartedTopology;
}

export function sentinel(o: SentinelOptions = {}): { start(): Promise<TestTopology<'sentinel'>> } {
  return { start: () => checkedStart('sentinel', o, { replicas: 2, sentinels: 3, downAfterMs: FAST.downAfterMs }) };
}

export function cluster(o: ClusterTopologyOptions = {}): { start(): Promise<TestTopology<'cluster'>> } {
  return { start: () => checkedStart('cluster', o, { masters: 3, replicasPerMaster: 1, nodeTimeoutMs: FAST.nodeTimeoutMs }) };
}

export function standalone(o: CommonOptions = {}): { start(): Promise<TestTopology<'standalone'>> } {
  return { start: () => checkedStart('standalone', o, {}) };
}

type AnyOptions = SentinelOptions & ClusterTopologyOptions;

/** The options checked before anything is made; an option given as undefined takes its default. */
async function checkedStart<K extends Kind>(kind: K, o: AnyOptions, defaults: AnyOptions): Promise<TestTopology<K>> {
  checkTestOptions(kind, o);
  const given = Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
  return startTestTopology(kind, { ...defaults, ...given });
}

async function startTestTopology<K extends Kind>(
  kind: K,
  { ports: range, timeoutMs, runtime = 'local', image, password, ...o }: AnyOptions,
): Promise<TestTopology<K>> {
  const data = kind === 'standalone' ? 1 : kind === 'sentinel' ? 1 + (o.replicas ?? 0) : (o.masters ?? 0) * (1 + (o.replicasPerMaster ?? 0));
  const sentinels = kind === 'sentinel' ? (o.sentinels ?? 0) : 0;
  // The folder and the ports side by side; whichever fails, the other is given back.
  const [made, reserved] = await Promise.allSettled([
    mkdtemp(join(tmpdir(), `redis-arc-test-${kind}-`)),
    Promise.resolve().then(() => reservePorts(data, sentinels, kind === 'cluster', portRange(range))),
  ]);
  if (made.status === 'rejected' || reserved.status === 'rejected') {
    if (made.status === 'fulfilled') await rm(made.value, { recursive: true, force: true });
    if (reserved.status === 'fulfilled') reserved.value.release();
    const failed = made.status === 'rejected' ? made : reserved.status === 'rejected' ? reserved : undefined;
    throw oneLine(failed?.reason);
  }
  const dir = made.value;
  const block = reserved.value;
  const cleanups: (() => unknown)[] = [() => rm(dir, { recursive: true, force: true }), () => block.release()];
  const cleanup = async () => {
    for (const c of cleanups.splice(0).reverse()) await Promise.resolve(c()).catch(() => undefined);
  };
  try {
    // docker: a compose project of its own, so parallel topologies never share containers.
    const name = runtime === 'docker' ? `arc-test-${randomBytes(4).toString('hex')}` : undefined;
    // The reaper runs before any node starts: a killed test process leaves nothing running.
    cleanups.push(startReaper(dir, name, block.lockFiles));
    // `init` keeps a password file it finds in the folder.
    if (password !== undefined) await writeFile(join(dir, DEFAULT_PASSWORD_FILE), `${password}\n`, { mode: 0o600 });
    const started = await startTopology(kind, {
      ...o,
      auth: o.auth ?? true,
      appendonly: o.appendonly ?? true,
      dir,
      freshDir: true,
      portBase: block.portBase,
      sentinelPortBase: block.sentinelPortBase,
      timeoutMs: timeoutMs ?? (runtime === 'docker' ? DOCKER_TEST_BOOT_TIMEOUT_MS : IN_PROCESS_BOOT_TIMEOUT_MS),
      runtime,
      // Local processes need no compose file: not rendering (and validating) it saves most of init's time.
      dockerFiles: runtime === 'docker',
      ...(name && { name }),
      ...(image && { image }),
    });
    cleanups.push(() => started[Symbol.asyncDispose]());
    // Runs first: its data is thrown away, so SIGKILL at once rather than TERM and wait (a master
    // waiting for its replicas holds a Sentinel topology's stop for the 5 s grace period).
    cleanups.push(() => reap(dir));
    return handle(kind, started, cleanup);
  } catch (err) {
    await cleanup();
    throw oneLine(err);
  }
}

function handle<K extends Kind>(kind: K, started: StartedTopology, cleanup: () => Promise<void>): TestTopology<K> {
  const { target, runtime } = started;
  const clients = new Set<Connection>();
  let pending: { fault: TestFault; injected: InjectedFault; node: Endpoint } | undefined;
  let stopped = false;
  // After stop() the nodes are gone: a call that would wait for them fails at once instead.
  const live = (call: string) => {
    if (stopped) throw new ArcError(`redis-arc: ${call} after stop(): this ${kind} topology is stopped and its folder removed; start a new one`);
  };
  const stop = async () => {
    stopped = true;
    await Promise.all([...clients].map(closeConnection));
    // A paused node is resumed first (a stopped process ignores TERM); a killed one stays down.
    if (pending?.fault === 'pause') await pending.injected.heal().catch(() => undefined);
    await cleanup();
  };
  return {
    kind,
    dir: started.dir,
    password: started.credentials.password,
    masterName: target.kind === 'sentinel' ? target.masterName : undefined,
    sentinels: target.kind === 'sentinel' ? target.sentinels : [],
    nodes: runtime.topology.nodes.map((n) => ({ id: n.id, role: n.role, ...runtime.endpoint(n) })),
    connection(role = 'worker') {
      live('connection()');
      const c = connect(target, role);
      clients.add(c);
      c.once('end', () => clients.delete(c));
      return c;
    },
    connectionOptions(role = 'worker') {
      const opts = target.kind === 'cluster' ? { nodes: target.seeds, options: clusterOptions(target, role) } : redisOptions(target, role);
      // eslint-disable-next-line @typescript-eslint/no-unsafe-type-assertion -- K is narrowed by target.kind at run time, which TypeScript does not carry into the conditional type
      return opts as ConnectionOptionsOf<K>;
    },
    status: async () => {
      live('status()');
      return checkHealth(target);
    },
    async fail(fault, opts = {}) {
      live(`fail('${printableValue(String(fault))}')`);
      if (target.kind === 'standalone')
        throw new ArcError('redis-arc: fail() needs a sentinel or cluster topology: a standalone node has nothing to fail over to');
      if (pending) throw new ArcError(`redis-arc: a ${pending.fault} is still in place; call heal() before the next fail()`);
      const result = await failAndWatch(started, fault, opts, (injected, node) => (pending = { fault, injected, node }));
      // The fail-fast producers handed out would refuse a command until they have reconnected to the new master.
      await Promise.all([...clients].map((c) => whenReady(c, RECONNECT_WAIT_MS)));
      return result;
    },
    async heal({ timeoutMs = 30_000 } = {}) {
      live('heal()');
      // The fault's own heal: a killed node restarts (a Sentinel master rejoining as a replica at once), a paused one resumes.
      if (pending) await pending.injected.heal();
      pending = undefined;
      return waitUntilHealthy(target, { timeoutMs });
    },
    stop,
    started,
    [Symbol.asyncDispose]: stop,
  };
}
