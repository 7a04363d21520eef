import { spawn, type ChildProcess } from 'node:child_process';
import { checkOwnHosts, withOwnHosts, writeHostsFile } from './hosts.js';
import { closeSync, openSync } from 'node:fs';
import { chmod, mkdir, readFile, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ArcError } from '../../errors/index.js';
import { TemplateSet } from '../../render/templates.js';
import { procStart, signal } from '../../system/proc.js';
import { settleAll } from '../../system/settle.js';
import { topologyHash } from '../../topology/hash.js';
import type { NodePlan, Topology } from '../../topology/types.js';
import type { LogOptions, NodeAction, NodeRunState, StartRunOptions, StartStep, StopResult } from '../runtime.js';
import { RuntimeSkeleton } from '../skeleton.js';
import { writeAuthConfs, writeNodeConf } from './confs.js';
import { findProcesses, knownNodes, type NodeRef } from './find.js';
import { printLogFiles } from './logs.js';
import { LocalPaths } from './paths.js';
import { requireBinary, requireFreePorts } from './preflight.js';
import { waitGone } from './process.js';
import { inspectState, readState, writeState, type LocalState } from './state.js';
import { terminate } from './stop.js';
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
}

const SIGNALS = { kill: 'SIGKILL', pause: 'SIGSTOP', resume: 'SIGCONT' } as const;

/** Real redis-server / redis-sentinel processes on 127.0.0.1, outliving the CLI, tracked under .redis-arc/local. */
export class LocalRuntime extends RuntimeSkeleton {
  readonly name = 'local' as const;
  readonly paths: LocalPaths;
  readonly topology: Topology;
  private readonly templates: TemplateSet;
  private saving: Promise<void> = Promise.resolve();
  /** The state file being written by the start in progress. */
  private starting?: LocalState;
  /** The start in progress is in a folder made for it (no conf to keep, no stale pid file). */
  private fresh = false;
  /** The node files being written for the start in progress, by node id. */
  private readonly preparing = new Map<string, Promise<void>>();
  /** How each process this CLI spawned ended, as soon as it does (a bad config exits at once). */
  private readonly exits = new Map<string, { exited?: number | string }>();

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
  get projectDir(): string {
    return this.opts.specDir;
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

  async diagnose(): Promise<string[]> {
    const { state, problem } = await inspectState(this.paths);
    const notes = problem ? [problem] : [];
    // Nodes started from an earlier spec: the spec no longer names them, or names another port.
    const found = await findProcesses(this.paths, await knownNodes(this.paths, this.topology.nodes, state), state);
    const stale = found.filter((p) => {
      const planned = this.topology.nodes.find((n) => n.id === p.id);
      return !planned || (p.port !== undefined && p.port !== planned.port);
    });
    if (stale.length) {
      const one = stale.length === 1;
      const list = stale.map((p) => `${p.id} (pid ${p.pid}${p.port ? `, port ${p.port}` : ''})`).join(', ');
      notes.push(`${list} still run${one ? 's' : ''} from an earlier redis-arc.yaml; \`redis-arc down\` stops ${one ? 'it' : 'them'}`);
    }
    return notes;
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
      requireBinary('redis-server'),
      toStart.some((n) => n.role === 'sentinel') ? requireBinary('redis-sentinel') : undefined,
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
    await settleAll(nodes.map((n) => this.launchNode(n, state)));
  }

  protected async gaveUp(node: NodePlan): Promise<string | undefined> {
    const exited = this.exits.get(node.id)?.exited;
    return exited === undefined ? undefined : `exited (${exited}) right after starting`;
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
      return { ...(await this.stopNodes(await this.refs(nodes, state), graceMs)), purged: false };
    }
    // Everything this folder started, not only what the spec names now (it may have changed since `up`).
    const known = await knownNodes(this.paths, this.topology.nodes, state, { scanProc: true });
    const result = await this.stopNodes(known, graceMs);
    const left = await findProcesses(this.paths, known, await readState(this.paths));
    if (left.length) {
      // A running Redis whose folder is deleted cannot even shut down (its final save fails): keep every folder.
      return { ...result, purged: false, left: left.map((p) => ({ id: p.id, state: p.liveness, detail: `pid ${p.pid}` })) };
    }
    if (opts.purge) {
      await rm(this.paths.root, { recursive: true, force: true });
    } else if (state) {
      await writeState(this.paths, { ...state, nodes: {} });
    }
    return { ...result, purged: Boolean(opts.purge), left: [] };
  }

  async act(nodeId: string, action: NodeAction): Promise<void> {
    const node = this.node(nodeId);
    const state = await readState(this.paths);
    const [proc] = await findProcesses(this.paths, await this.refs([node], state), state);
    if (action === 'restart') {
      if (proc) await this.stopNodes([proc], DEFAULT_GRACE_MS);
      await this.spawnNode(node, state ?? this.freshState());
      await this.waitAnswering(node, () => {});
      return;
    }
    if (!proc) throw new ArcError(`${node.id} is not running; start it with \`redis-arc up\``);
    if (!signal(proc.pid, SIGNALS[action])) throw new ArcError(`${node.id} exited before it could be sent ${SIGNALS[action]}`);
    if (action === 'kill') await waitGone(proc.pid, 2000);
  }

  // ---- helpers ----

  /** These spec nodes with the port their process was started with, when one was. */
  private async refs(nodes: NodePlan[], state: LocalState | undefined): Promise<NodeRef[]> {
    const known = await knownNodes(this.paths, nodes, state);
    return nodes.map((n) => known.find((k) => k.id === n.id) ?? n);
  }

  private async stopNodes(nodes: NodeRef[], graceMs: number): Promise<Omit<StopResult, 'purged'>> {
    return terminate(nodes, await findProcesses(this.paths, nodes, await readState(this.paths)), graceMs);
  }

  private freshState(): LocalState {
    return { version: 1, name: this.topology.name, kind: this.topology.kind, topologyHash: topologyHash(this.topology), nodes: {} };
  }

  private async spawnNode(node: NodePlan, state: LocalState): Promise<void> {
    await this.prepareNode(node);
    await this.launchNode(node, state);
  }

  /** prepareNode, once per start (prepare() begins the first group's). */
  private prepared(node: NodePlan): Promise<void> {
    let p = this.preparing.get(node.id);
    if (!p) this.preparing.set(node.id, (p = this.prepareNode(node, this.fresh)));
    return p;
  }

  /** The node's folder and conf, and no stale pidfile (`fresh`: none can be there). */
  private async prepareNode(node: NodePlan, fresh = false): Promise<void> {
    await mkdir(this.paths.nodeDir(node.id), { recursive: true, mode: 0o700 });
    const conf = writeNodeConf(this.paths, this.templates, this.topology, node, this.opts.tls?.dir, fresh);
    await Promise.all([conf, fresh ? undefined : rm(this.paths.pidfile(node.id), { force: true })]);
  }

  /** Spawn the prepared node (synchronously, before the first await) and put its pid on record. */
  private async launchNode(node: NodePlan, state: LocalState): Promise<void> {
    const dir = this.paths.nodeDir(node.id);
    const binary = node.role === 'sentinel' ? 'redis-sentinel' : 'redis-server';
    // Detached, with output into its log (config errors come before Redis opens its logfile):
    // the node outlives this CLI, which only remembers its pid.
    const out = openSync(this.paths.log(node.id), 'a', 0o600);
    let child: ChildProcess;
    try {
      // Hostname mode: the node resolves the announced names through its own /etc/hosts.
      const run = this.hostnames ? withOwnHosts(this.paths.hostsFile, binary, [this.paths.conf(node.id)]) : { command: binary, args: [this.paths.conf(node.id)] };
      child = spawn(run.command, run.args, { cwd: dir, detached: true, stdio: ['ignore', out, out] });
    } finally {
      closeSync(out);
    }
    child.unref();
    // Listen at once: a node with a bad config exits before the awaits below are done.
    const exit: { exited?: number | string } = {};
    this.exits.set(node.id, exit);
    child.once('exit', (code, sig) => (exit.exited = code ?? sig ?? 'unknown'));
    // A spawn that fails (EACCES, EAGAIN) reports here, not by throwing: unheard, it would crash the CLI.
    child.once('error', (err) => (exit.exited ??= err.message));
    const pid = child.pid;
    if (!pid) throw new ArcError(`${node.id}: could not start ${binary}`);
    state.nodes[node.id] = { pid, port: node.port, procStart: await procStart(pid), startedAt: new Date().toISOString() };
    // Written after every spawn (one write at a time, each with every pid so far), so a crash
    // of the CLI mid-up still leaves every pid on record.
    const snapshot = structuredClone(state);
    this.saving = this.saving.then(() => writeState(this.paths, snapshot));
    await this.saving;
  }
}
