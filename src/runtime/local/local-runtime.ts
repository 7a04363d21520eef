import { topologyHash } from '../../topology/hash.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { chmod, mkdir, readFile, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ArcError } from '../../errors/index.js';
import { withClient } from '../../probe/client.js';
import { renderAuthConf, renderNodeConf } from '../../render/render.js';
import { TemplateSet } from '../../render/templates.js';
import { nodeTlsFiles } from '../../render/tls-files.js';
import { writeAtomic } from '../../render/write.js';
import type { NodePlan, Topology } from '../../topology/types.js';
import type { NodeAction, NodeRunState, Runtime, StartStep, StopResult } from '../runtime.js';
import { findProcesses, knownNodes, type NodeRef } from './find.js';
import { LocalPaths } from './paths.js';
import { requireBinary, requireFreePorts } from './preflight.js';
import { waitGone } from './process.js';
import { procStart, signal } from '../../system/proc.js';
import { pathExists } from '../../system/fs.js';
import { inspectState, readState, writeState, type LocalState } from './state.js';

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

const DEFAULT_GRACE_MS = 5000;
const SIGNALS = { kill: 'SIGKILL', pause: 'SIGSTOP', resume: 'SIGCONT' } as const;

/** Real redis-server / redis-sentinel processes on 127.0.0.1, outliving the CLI, tracked under .redis-arc/local. */
export class LocalRuntime implements Runtime {
  readonly name = 'local' as const;
  readonly paths: LocalPaths;
  private readonly templates: TemplateSet;
  private saving: Promise<void> = Promise.resolve();

  readonly topology: Topology;

  get tls() {
    return this.opts.tls?.client;
  }

  constructor(
    topology: Topology,
    private readonly opts: LocalRuntimeOptions,
  ) {
    // Local processes all live on loopback: they announce the address the host uses, whatever the docker network mode.
    this.topology = { ...topology, nodes: topology.nodes.map((n) => ({ ...n, announceIp: n.host })) };
    this.paths = new LocalPaths(opts.specDir);
    this.templates = new TemplateSet(opts.templatesDir);
  }

  endpoint(node: NodePlan) {
    return { host: node.host, port: node.port };
  }

  logFile(nodeId: string): string {
    return this.paths.log(this.node(nodeId).id);
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
      notes.push(
        `${stale.map((p) => `${p.id} (pid ${p.pid}${p.port ? `, port ${p.port}` : ''})`).join(', ')} still run${stale.length === 1 ? 's' : ''} from an earlier redis-arc.yaml; \`redis-arc down\` stops ${stale.length === 1 ? 'it' : 'them'}`,
      );
    }
    return notes;
  }

  /** These spec nodes with the port their process was started with, when one was. */
  private async refs(nodes: NodePlan[], state: LocalState | undefined): Promise<NodeRef[]> {
    const known = await knownNodes(this.paths, nodes, state);
    return nodes.map((n) => known.find((k) => k.id === n.id) ?? n);
  }

  /** A node left stopped by SIGSTOP (a failover-test killed mid-pause) would never answer: continue it. */
  private async resumePaused(onStep: (step: StartStep) => void): Promise<void> {
    const paused = (await this.states()).filter((s) => s.state === 'paused').map((s) => s.id);
    for (const id of paused) await this.act(id, 'resume');
    if (paused.length) onStep({ message: `resumed ${paused.join(', ')}, which had been left paused` });
  }

  /** The nodes whose process is not there (a paused one is there). */
  private async notRunning(): Promise<NodePlan[]> {
    const running = new Set((await this.states()).filter((s) => s.state !== 'stopped').map((s) => s.id));
    return this.topology.nodes.filter((n) => !running.has(n.id));
  }

  private async checkPreflight(toStart: NodePlan[]): Promise<void> {
    await this.checkSpecUnchanged(await readState(this.paths));
    await requireBinary('redis-server');
    if (toStart.some((n) => n.role === 'sentinel')) await requireBinary('redis-sentinel');
    await requireFreePorts(toStart);
  }

  async start(onStep: (step: StartStep) => void = () => {}): Promise<string[]> {
    await this.resumePaused(onStep);
    const toStart = await this.notRunning();
    await this.checkPreflight(toStart);
    if (!toStart.length) return [];
    const state = (await readState(this.paths)) ?? this.freshState();

    await mkdir(this.paths.root, { recursive: true, mode: 0o700 });
    // .redis-arc may have been made by `render` first; node data and auth files sit below it.
    await chmod(dirname(this.paths.root), 0o700);
    await this.writeAuthConfs();
    const started: string[] = [];
    try {
      // Data nodes first: sentinels monitor a master that must already answer.
      for (const group of [toStart.filter((n) => n.role !== 'sentinel'), toStart.filter((n) => n.role === 'sentinel')]) {
        if (!group.length) continue;
        onStep({ message: `starting ${group.map((n) => n.id).join(', ')}` });
        // On record before spawning: if one spawn fails, its siblings are stopped with the rest.
        started.push(...group.map((n) => n.id));
        const spawned = await Promise.allSettled(group.map((n) => this.spawnNode(n, state).then((child) => ({ node: n, child }))));
        const failed = spawned.find((r) => r.status === 'rejected');
        if (failed) throw failed.reason;
        const children = spawned.map((r) => (r as PromiseFulfilledResult<{ node: NodePlan; child: SpawnedNode }>).value);
        await Promise.all(children.map(({ node, child }) => this.waitAnswering(node, child, onStep)));
      }
    } catch (err) {
      await this.stop({ nodes: started });
      throw err;
    }
    return started;
  }

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
      const next = state ?? this.freshState();
      const child = await this.spawnNode(node, next);
      await this.waitAnswering(node, child, () => {});
      return;
    }
    if (!proc) throw new ArcError(`${node.id} is not running; start it with \`redis-arc up\``);
    if (!signal(proc.pid, SIGNALS[action])) throw new ArcError(`${node.id} exited before it could be sent ${SIGNALS[action]}`);
    if (action === 'kill') await waitGone(proc.pid, 2000);
  }

  private node(id: string): NodePlan {
    const node = this.topology.nodes.find((n) => n.id === id);
    if (!node) throw new ArcError(`no node '${id}' in ${this.topology.name}; nodes: ${this.topology.nodes.map((n) => n.id).join(', ')}`);
    return node;
  }

  private freshState(): LocalState {
    return { version: 1, name: this.topology.name, kind: this.topology.kind, topologyHash: topologyHash(this.topology), nodes: {} };
  }

  /** Node folders keep Redis' own rewrites (sentinel state, replicaof after a failover): a changed spec needs a fresh start. */
  private async checkSpecUnchanged(state: LocalState | undefined): Promise<void> {
    if (state && state.topologyHash !== topologyHash(this.topology)) {
      throw new ArcError(
        `redis-arc.yaml changed since the nodes in ${this.paths.root} were created; run \`redis-arc down --purge\` (deletes their data), then \`redis-arc up\``,
      );
    }
  }

  private async writeAuthConfs(): Promise<void> {
    const { password } = this.opts;
    if (!this.topology.auth.enabled) return;
    if (!password) throw new ArcError('auth is on but no password was given to the local runtime');
    const { aclPassword } = this.opts;
    if (this.topology.auth.acl.enabled && !aclPassword) throw new ArcError('auth.acl is on but no ACL password was given to the local runtime');
    await writeAtomic(this.paths.authConf, renderAuthConf(this.templates, this.topology, password, 'data', aclPassword), 0o600);
    if (this.topology.kind === 'sentinel') {
      await writeAtomic(this.paths.sentinelAuthConf, renderAuthConf(this.templates, this.topology, password, 'sentinel', aclPassword), 0o600);
    }
  }

  private async spawnNode(node: NodePlan, state: LocalState): Promise<SpawnedNode> {
    const dir = this.paths.nodeDir(node.id);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const conf = this.paths.conf(node.id);
    // Render once: afterwards the file is Redis' own (sentinel and failovers rewrite it).
    if (!(await pathExists(conf))) {
      const text = renderNodeConf(this.templates, this.topology, node, {
        bind: '127.0.0.1',
        dir,
        logfile: this.paths.log(node.id),
        pidfile: this.paths.pidfile(node.id),
        authInclude: this.topology.auth.enabled
          ? node.role === 'sentinel'
            ? this.paths.sentinelAuthConf
            : this.paths.authConf
          : undefined,
        tls: this.opts.tls ? nodeTlsFiles(this.opts.tls.dir) : undefined,
      });
      await writeAtomic(conf, text, 0o600);
    }
    await rm(this.paths.pidfile(node.id), { force: true });
    const binary = node.role === 'sentinel' ? 'redis-sentinel' : 'redis-server';
    // Detached, with output into its log (config errors come before Redis opens its logfile):
    // the node outlives this CLI, which only remembers its pid.
    const out = openSync(this.paths.log(node.id), 'a', 0o600);
    let child: ChildProcess;
    try {
      child = spawn(binary, [conf], { cwd: dir, detached: true, stdio: ['ignore', out, out] });
    } finally {
      closeSync(out);
    }
    child.unref();
    // Listen at once: a node with a bad config exits before the awaits below are done.
    const spawned: SpawnedNode = { exited: undefined };
    child.once('exit', (code, signal) => (spawned.exited = code ?? signal ?? 'unknown'));
    // A spawn that fails (EACCES, EAGAIN) reports here, not by throwing: unheard, it would crash the CLI.
    child.once('error', (err) => (spawned.exited ??= err.message));
    const pid = child.pid;
    if (!pid) throw new ArcError(`${node.id}: could not start ${binary}`);
    state.nodes[node.id] = { pid, port: node.port, procStart: await procStart(pid), startedAt: new Date().toISOString() };
    // Written after every spawn (one write at a time, each with every pid so far), so a crash
    // of the CLI mid-up still leaves every pid on record.
    const snapshot = structuredClone(state);
    this.saving = this.saving.then(() => writeState(this.paths, snapshot));
    await this.saving;
    return spawned;
  }

  private async waitAnswering(node: NodePlan, child: SpawnedNode, onStep: (s: StartStep) => void): Promise<void> {
    const timeoutMs = this.opts.nodeStartTimeoutMs ?? 10_000;
    const deadline = Date.now() + timeoutMs;
    onStep({ message: `waiting for ${node.id} (${node.host}:${node.port}) to answer PING` });
    while (Date.now() < deadline) {
      if (child.exited !== undefined) throw await this.startFailure(node, `exited (${child.exited}) right after starting`);
      try {
        await withClient(this.endpoint(node), this.topology.auth.enabled ? this.opts.password : undefined, (c) => c.ping(), {
          connectTimeoutMs: 500,
          commandTimeoutMs: 1000,
          ...(this.opts.tls && { tls: this.opts.tls.client }),
        });
        return;
      } catch {
        await sleep(20);
      }
    }
    throw await this.startFailure(node, `did not answer PING within ${timeoutMs} ms`);
  }

  private async startFailure(node: NodePlan, what: string): Promise<ArcError> {
    const log = await readFile(this.paths.log(node.id), 'utf8').catch(() => '');
    const tail = log.trim().split('\n').slice(-8).join('\n');
    return new ArcError(`${node.id} ${what}; last lines of ${this.paths.log(node.id)}:\n${tail || '(empty log)'}`);
  }

  /** TERM, then KILL after the grace period, for the processes of these nodes. */
  private async stopNodes(nodes: NodeRef[], graceMs: number): Promise<Omit<StopResult, 'purged'>> {
    const found = await findProcesses(this.paths, nodes, await readState(this.paths));
    for (const p of found) {
      // A stopped (paused) process only acts on TERM once continued.
      if (p.liveness === 'paused') signal(p.pid, 'SIGCONT');
      signal(p.pid, 'SIGTERM');
    }
    const killed: string[] = [];
    await Promise.all(
      found.map(async (p) => {
        if (!(await waitGone(p.pid, graceMs))) {
          if (signal(p.pid, 'SIGKILL')) killed.push(p.id);
          await waitGone(p.pid, 2000);
        }
      }),
    );
    const stopped = found.map((p) => p.id);
    return { stopped, killed, alreadyStopped: nodes.map((n) => n.id).filter((id) => !stopped.includes(id)) };
  }
}

/** What start() needs to know of a process it spawned: whether it already exited, and how. */
interface SpawnedNode {
  exited: number | string | undefined;
}
