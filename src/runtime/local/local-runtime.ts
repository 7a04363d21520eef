import { chmod, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ArcError } from '../../errors/index.js';
import { TemplateSet } from '../../render/templates.js';
import { signal } from '../../system/proc.js';
import { settleAll } from '../../system/settle.js';
import { topologyHash } from '../../topology/hash.js';
import type { NodePlan, Topology } from '../../topology/types.js';
import type { LogOptions, NodeAction, NodeRunState, StartRunOptions, StartStep, StopResult } from '../runtime.js';
import { RuntimeSkeleton } from '../skeleton.js';
import { prepareNodeFolder, writeAuthConfs } from './confs.js';
import { findProcesses, knownNodes, type NodeRef } from './find.js';
import { checkOwnHosts, writeHostsFile } from './hosts.js';
import { diagnoseLocal } from './diagnose.js';
import { NodeLauncher } from './launch.js';
import { printLogFiles } from './logs.js';
import { LocalPaths } from './paths.js';
import { requireBinary, requireFreePorts } from './preflight.js';
import { resolveServer, type ServerBinaries } from '../../servers/resolve.js';
import { serverForStart } from './server-binaries.js';
import { waitKilled } from './process.js';
import { readState, type LocalState } from './state.js';
import { stopAll, stopNodes } from './stop.js';
import { DEFAULT_GRACE_MS } from '../defaults.js';

export interface LocalRuntimeOptions {
  specDir: string;
  password?: string;
  /** BullMQ's ACL user password (auth.acl): goes, hashed, into the 0600 auth includes. */
  aclPassword?: string;
  /** TLS-only nodes: the folder with the generated certificates, and what clients present. */
  tls?: { dir: string; client: { ca: string; cert: string; key: string } };
  templatesDir?: string;
  /** How long one node may take to answer PING after its process started. */
  nodeStartTimeoutMs?: number;
  /** The server to run (src/servers): a catalogue name or a binary's path; default redis-7.0, the one on PATH. */
  server?: string;
}

const SIGNALS = { kill: 'SIGKILL', pause: 'SIGSTOP', resume: 'SIGCONT' } as const;

/** Real redis-server / redis-sentinel processes on 127.0.0.1, outliving the CLI, tracked under .redis-arc/local. */
export class LocalRuntime extends RuntimeSkeleton {
  readonly name = 'local' as const;
  readonly paths: LocalPaths;
  readonly topology: Topology;
  private readonly templates: TemplateSet;
  private readonly launcher: NodeLauncher;
  /** The state file being written by the start in progress. */
  private starting?: LocalState;
  /** The start in progress is in a folder made for it (no conf to keep, no stale pid file). */
  private fresh = false;
  /** The node files being written for the start in progress, by node id. */
  private readonly preparing = new Map<string, Promise<void>>();
  /** The binaries of the start in progress, found by its preflight. */
  private binaries?: ServerBinaries;

  protected readonly spawnsTogether = false;
  protected get answering() {
    return { timeoutMs: this.opts.nodeStartTimeoutMs ?? 10_000, intervalMs: 20 };
  }
  protected get password() {
    return this.opts.password;
  }
  get tls() {
    return this.opts.tls?.client;
  }

  constructor(
    topology: Topology,
    private readonly opts: LocalRuntimeOptions,
  ) {
    super();
    // Local processes all live on loopback: they announce the address the host uses, whatever the
    // docker network mode; under `announce: hostnames` their name (src/topology/names.ts).
    const hostnames = topology.announce === 'hostnames';
    this.topology = { ...topology, nodes: topology.nodes.map((n) => ({ ...n, announceIp: hostnames ? n.announceIp : n.host })) };
    this.paths = new LocalPaths(opts.specDir);
    this.templates = new TemplateSet(opts.templatesDir);
    this.launcher = new NodeLauncher(this.paths, hostnames);
  }

  endpoint(node: NodePlan) {
    return { host: node.host, port: node.port };
  }

  logFile(nodeId: string): string {
    return this.paths.log(this.node(nodeId).id);
  }

  async printLogs(nodeId: string | undefined, opts: LogOptions): Promise<void> {
    const ids = nodeId ? [nodeId] : this.topology.nodes.map((n) => n.id);
    await printLogFiles(
      ids.map((id) => ({ id, path: this.logFile(id) })),
      nodeId ?? this.topology.name,
      opts,
    );
  }

  async states(): Promise<NodeRunState[]> {
    const state = await readState(this.paths);
    const found = await findProcesses(this.paths, await this.refs(this.topology.nodes, state), state);
    return this.topology.nodes.map((n) => {
      const p = found.find((f) => f.id === n.id);
      return { id: n.id, state: p ? p.liveness : 'stopped', detail: p ? `pid ${p.pid}` : undefined };
    });
  }

  diagnose(): Promise<string[]> {
    return diagnoseLocal(this.paths, this.topology);
  }

  // ---- the skeleton's primitives (see ../skeleton.ts for the order) ----

  protected async resume(ids: string[]): Promise<string> {
    for (const id of ids) await this.act(id, 'resume');
    return 'resumed';
  }

  /** Node folders keep Redis' own rewrites (sentinel state, replicaof after a failover): a changed spec needs a fresh start. */
  protected async checkSpec(): Promise<void> {
    const state = await readState(this.paths);
    if (state && state.topologyHash !== topologyHash(this.topology)) {
      throw new ArcError(
        `redis-arc.yaml changed since the nodes in ${this.paths.root} were created; run \`redis-arc down --purge\` (deletes their data), then \`redis-arc up\``,
      );
    }
  }

  protected async preflight(toStart: NodePlan[]): Promise<void> {
    // Checked side by side (each check only reads), failing on the first in this order.
    const checks = [
      this.startBinaries(toStart.some((n) => n.role === 'sentinel')),
      requireFreePorts(toStart),
      this.hostnames ? requireBinary('unshare') : undefined,
    ];
    await settleAll(checks);
  }

  protected async prepare(toStart: NodePlan[], { fresh = false }: StartRunOptions): Promise<void> {
    this.preparing.clear();
    this.fresh = fresh;
    // Side by side (node folders are made recursively, so they need not wait for the root): the
    // state file, the auth includes, and the first group's node files, so a fresh cluster's masters, whose
    // start decides when it is healthy, are spawned as soon as their files are there.
    const first = toStart.filter((n) => n.role !== 'sentinel' && !n.replicaOf);
    const [state] = await settleAll([
      fresh ? undefined : readState(this.paths),
      // .redis-arc may have been made by `render` first; node data and auth files sit below it.
      mkdir(this.paths.root, { recursive: true, mode: 0o700 }).then(() =>
        Promise.all([chmod(dirname(this.paths.root), 0o700), writeAuthConfs(this.paths, this.templates, this.topology, this.opts, fresh)]),
      ),
      this.hostnames ? writeHostsFile(this.paths.hostsFile, this.topology).then(() => checkOwnHosts(this.paths.hostsFile)) : undefined,
      ...first.map((n) => this.prepared(n)),
    ]);
    this.starting = state ?? this.freshState();
  }

  private get hostnames(): boolean {
    return this.topology.announce === 'hostnames';
  }

  protected async spawn(nodes: NodePlan[], onStep: (step: StartStep) => void): Promise<void> {
    onStep({ message: `starting ${nodes.map((n) => n.id).join(', ')}` });
    const state = this.starting ?? this.freshState();
    // Every file of the group is finished before an error goes up: nothing is written after the rollback.
    await settleAll(nodes.map((n) => this.prepared(n)));
    // One spawn right after the other, nothing in between: a fresh cluster master says ok only 2 s
    // after it started, so the last master to start decides when the cluster is healthy. (A spawn
    // returns once the child has exec'd; the pids are put on record after.)
    const server = this.binaries ?? (await this.startBinaries(nodes.some((n) => n.role === 'sentinel')));
    await settleAll(nodes.map((n) => this.launcher.launch(n, state, server)));
  }

  protected gaveUp(node: NodePlan): Promise<string | undefined> {
    const exited = this.launcher.exited(node.id);
    return Promise.resolve(exited === undefined ? undefined : `exited (${exited}) right after starting`);
  }

  protected async startFailure(node: NodePlan, what: string): Promise<ArcError> {
    const log = await readFile(this.paths.log(node.id), 'utf8').catch(() => '');
    const tail = log.trim().split('\n').slice(-8).join('\n');
    return new ArcError(`${node.id} ${what}; last lines of ${this.paths.log(node.id)}:\n${tail || '(empty log)'}`);
  }

  // ---- stop and act ----

  async stop(opts: { purge?: boolean; graceMs?: number; nodes?: string[] } = {}): Promise<StopResult> {
    const graceMs = opts.graceMs ?? DEFAULT_GRACE_MS;
    const state = await readState(this.paths);
    if (opts.nodes) {
      const nodes = opts.nodes.map((id) => this.node(id));
      return { ...(await stopNodes(this.paths, await this.refs(nodes, state), graceMs)), purged: false };
    }
    return stopAll(this.paths, this.topology.nodes, state, { purge: opts.purge, graceMs });
  }

  async act(nodeId: string, action: NodeAction): Promise<void> {
    const node = this.node(nodeId);
    const state = await readState(this.paths);
    const [proc] = await findProcesses(this.paths, await this.refs([node], state), state);
    if (action === 'restart') {
      if (proc) await stopNodes(this.paths, [proc], DEFAULT_GRACE_MS);
      await this.spawnNode(node, state ?? this.freshState());
      await this.waitAnswering(node, () => {});
      return;
    }
    if (!proc) throw new ArcError(`${node.id} is not running; start it with \`redis-arc up\``);
    if (!signal(proc.pid, SIGNALS[action])) throw new ArcError(`${node.id} exited before it could be sent ${SIGNALS[action]}`);
    if (action === 'kill') await waitKilled(proc.pid, node, 2000);
  }

  // ---- helpers ----

  /** These spec nodes with the port their process was started with, when one was. */
  private async refs(nodes: NodePlan[], state: LocalState | undefined): Promise<NodeRef[]> {
    const known = await knownNodes(this.paths, nodes, state);
    return nodes.map((n) => known.find((k) => k.id === n.id) ?? n);
  }

  private freshState(): LocalState {
    return { version: 1, name: this.topology.name, kind: this.topology.kind, topologyHash: topologyHash(this.topology), nodes: {} };
  }

  /** A restarted node runs what its topology was started with (the state's record), else the configured server. */
  private async spawnNode(node: NodePlan, state: LocalState): Promise<void> {
    const server = state.server ?? (await resolveServer(this.opts.server, { sentinel: node.role === 'sentinel' }));
    await this.prepareNode(node);
    await this.launcher.launch(node, state, server);
  }

  /** The start's server, kept for its spawns (a restart runs what the state recorded instead). */
  private async startBinaries(sentinels: boolean): Promise<ServerBinaries> {
    this.binaries = await serverForStart(this.paths, this.topology.name, this.opts.server, { sentinels, fresh: this.fresh });
    return this.binaries;
  }

  /** prepareNode, once per start (prepare() begins the first group's). */
  private prepared(node: NodePlan): Promise<void> {
    let p = this.preparing.get(node.id);
    if (!p) this.preparing.set(node.id, (p = this.prepareNode(node, this.fresh)));
    return p;
  }

  private prepareNode(node: NodePlan, fresh = false): Promise<void> {
    return prepareNodeFolder(this.paths, this.templates, this.topology, node, this.opts.tls?.dir, fresh);
  }
}
