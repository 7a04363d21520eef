import { join } from 'node:path';
import { ArcError } from '../../errors/index.js';
import { pathExists } from '../../system/fs.js';
import { topologyHash } from '../../topology/hash.js';
import type { NodePlan, Topology } from '../../topology/types.js';
import { requireFreePorts } from '../local/preflight.js';
import type { LogOptions, NodeAction, NodeRunState, StartStep, StopResult } from '../runtime.js';
import { RuntimeSkeleton } from '../skeleton.js';
import { dockerOk, listContainers, PROJECT_LABEL, removeByLabel, SERVICE_LABEL, stopServices, unpause, waitState, type Container } from './containers.js';
import { ComposeProject } from './compose.js';
import { docker, engineAddress, lastLine, requireEngine, requireImage } from './engine.js';
import { DEFAULT_GRACE_MS } from '../defaults.js';
import { printContainerLogs } from './logs.js';
import { readDockerState, removeDockerState, writeDockerState } from './state.js';

export interface DockerRuntimeOptions {
  specDir: string;
  password?: string;
  /** Overrides the compose file's image (spec `image:`) through REDIS_ARC_IMAGE. */
  image?: string;
  /** Writes docker-compose.yml, confs and secrets when they are missing or stale (keeps a user's edits). */
  render?: () => Promise<void>;
  /** How long one node may take to answer PING after its container started. */
  nodeStartTimeoutMs?: number;
}

/**
 * Nodes as compose services of the rendered docker-compose.yml, one project per topology
 * (`-p <name>`). Containers are found by their compose labels, never by a remembered id, so
 * `down` works after a crash. Health is Redis' own state, probed from the host on 127.0.0.1:
 * the compose healthchecks are for people who run the file by hand.
 */
export class DockerRuntime extends RuntimeSkeleton {
  readonly name = 'docker' as const;
  readonly composeFile: string;
  /** The compose files do not mount certificates yet: docker nodes are never TLS-only. */
  readonly tls = undefined;
  private readonly compose: ComposeProject;
  protected readonly spawnsTogether = true;
  protected get answering() {
    return { timeoutMs: this.opts.nodeStartTimeoutMs ?? 20_000, intervalMs: 50 };
  }
  protected get password() {
    return this.opts.password;
  }

  constructor(
    readonly topology: Topology,
    private readonly opts: DockerRuntimeOptions,
  ) {
    super();
    this.composeFile = join(opts.specDir, 'docker-compose.yml');
    this.compose = new ComposeProject({ project: topology.name, file: this.composeFile, specDir: opts.specDir, image: opts.image });
  }

  get project(): string {
    return this.topology.name;
  }

  get image(): string {
    return this.opts.image ?? this.topology.image;
  }

  endpoint(node: NodePlan) {
    // host mode: the node listens on 127.0.0.1:port; bridge mode: that port is published on 127.0.0.1.
    return { host: node.host, port: node.port };
  }

  logFile(nodeId: string): string {
    const node = this.node(nodeId);
    return `docker logs $(docker ps -aq --filter label=${PROJECT_LABEL}=${this.project} --filter label=${SERVICE_LABEL}=${node.id})`;
  }

  async states(): Promise<NodeRunState[]> {
    const containers = await this.containers();
    return this.topology.nodes.map((n) => {
      const c = containers.find((x) => x.service === n.id);
      const state = !c ? 'stopped' : c.state === 'running' ? 'running' : c.state === 'paused' ? 'paused' : 'stopped';
      return { id: n.id, state, detail: c ? `container ${c.name}: ${c.status || c.state}` : undefined };
    });
  }

  // ---- the skeleton's primitives (see ../skeleton.ts for the order) ----

  /** A container left paused (a failover-test killed mid-pause) would never answer: unpause it. */
  protected async resume(ids: string[]): Promise<string> {
    await unpause((await this.containers()).filter((c) => ids.includes(c.service)));
    return 'unpaused';
  }

  protected async checkSpec(toStart: NodePlan[]): Promise<void> {
    if (!toStart.length) return;
    if (this.topology.addresses === 'per-node') {
      throw new ArcError(
        'network.addresses: per-node is for the local runtime (loopback addresses on this host); use --runtime local, or set network.addresses: shared for docker',
      );
    }
    const previous = await readDockerState(this.opts.specDir);
    if (previous?.topologyHash && previous.topologyHash !== topologyHash(this.topology)) {
      // Sentinels and failovers rewrite the configs kept in the volumes: they describe the old spec.
      throw new ArcError(
        `redis-arc.yaml changed since the containers of ${this.project} were created; run \`redis-arc down --purge\` (deletes their volumes), then \`redis-arc up --runtime docker\``,
      );
    }
  }

  protected async preflight(toStart: NodePlan[]): Promise<void> {
    if (this.topology.tls?.enabled) {
      throw new ArcError('tls is on in redis-arc.yaml, but the compose files do not mount the certificates yet; use --runtime local for TLS');
    }
    if (this.topology.announce === 'hostnames') {
      throw new ArcError(
        'announce: hostnames runs on the local runtime and on Kubernetes (`redis-arc render --target kubernetes`), not in compose containers; use --runtime local, or announce: addresses',
      );
    }
    await requireEngine();
    await this.compose.command();
    if (toStart.length) await requireImage(this.image);
    // Host mode binds every port on the host; bridge mode publishes the data ports on 127.0.0.1 (the bus stays inside).
    await requireFreePorts(this.topology.network === 'host' ? toStart : toStart.map((n) => ({ ...n, busPort: undefined })));
  }

  protected async prepare(): Promise<void> {
    await this.opts.render?.();
    if (!(await pathExists(this.composeFile))) throw new ArcError(`${this.composeFile} is missing; run \`redis-arc render\``);
    await writeDockerState(this.opts.specDir, {
      version: 1,
      project: this.project,
      composeFile: this.composeFile,
      image: this.image,
      startedAt: new Date().toISOString(),
      topologyHash: topologyHash(this.topology),
    });
  }

  /**
   * A node whose container exists (killed, stopped) is started as it is; the others are created by
   * one compose call (`--no-deps`: the order and the wait are ours, on Redis state, not the
   * engine's healthchecks). One call also matters to docker-compose v1 on podman, which takes
   * podman's bridge network for a changed one on every later call.
   */
  protected async spawn(toStart: NodePlan[], onStep: (step: StartStep) => void): Promise<void> {
    const containers = await this.containers();
    const existing = toStart.flatMap((n) => containers.filter((c) => c.service === n.id).map((c) => ({ node: n, c })));
    const fresh = toStart.filter((n) => !existing.some((e) => e.node.id === n.id));
    if (existing.length) {
      onStep({ message: `starting containers ${existing.map((e) => e.node.id).join(', ')}` });
      await dockerOk(['start', ...existing.map((e) => e.c.id)], `start ${existing.map((e) => e.node.id).join(', ')}`);
    }
    if (fresh.length) {
      onStep({ message: `creating containers ${fresh.map((n) => n.id).join(', ')} (${await this.compose.label()} -p ${this.project} up)` });
      await this.compose.run(['up', '-d', '--no-deps', ...fresh.map((n) => n.id)]);
    }
  }

  /** Every ~half second of waiting: has the container given up already? */
  protected async gaveUp(node: NodePlan, attempt: number): Promise<string | undefined> {
    if (attempt % 10 !== 0) return undefined;
    const c = (await this.containers()).find((x) => x.service === node.id);
    return c && c.state !== 'running' && c.state !== 'created' ? `container ${c.name} is ${c.state} (${c.status})` : undefined;
  }

  protected async startFailure(node: NodePlan, what: string): Promise<ArcError> {
    const c = (await this.containers()).find((x) => x.service === node.id);
    const logs = c ? await docker(['logs', '--tail', '8', c.id]) : undefined;
    const tail = logs ? `${String(logs.stdout)}\n${String(logs.stderr)}`.trim() : '';
    return new ArcError(`${node.id} ${what}; last lines of \`docker logs ${c?.name ?? node.id}\`:\n${tail || '(empty log)'}`);
  }

  async stop(opts: { purge?: boolean; graceMs?: number; nodes?: string[] } = {}): Promise<StopResult> {
    const graceMs = opts.graceMs ?? DEFAULT_GRACE_MS;
    // What `up` started, whatever the spec says now: a renamed topology's containers carry the name on record.
    const recorded = opts.nodes ? undefined : (await readDockerState(this.opts.specDir))?.project;
    const renamedFrom = recorded && recorded !== this.project ? recorded : undefined;
    const before = [...(await this.containers()), ...(renamedFrom ? await listContainers(renamedFrom) : [])];
    const live = (ids: string[]) => ids.filter((id) => before.some((c) => c.service === id && (c.state === 'running' || c.state === 'paused')));
    const all = [...new Set([...this.topology.nodes.map((n) => n.id), ...before.map((c) => c.service)])];
    const ids = opts.nodes ?? all;
    const stopped = live(ids);
    const alreadyStopped = ids.filter((id) => !stopped.includes(id));
    if (opts.nodes) {
      await stopServices(this.project, opts.nodes, graceMs);
      return { stopped, killed: [], alreadyStopped, purged: false };
    }
    await unpause(before);
    if (await pathExists(this.composeFile)) {
      const r = await this.compose.exec(['down', '--remove-orphans', '-t', String(Math.ceil(graceMs / 1000)), ...(opts.purge ? ['-v'] : [])]);
      if (r.exitCode !== 0 && !/no such|not found/i.test(lastLine(r))) {
        // Fall through to removal by label; say why only if that fails too.
        this.lastComposeError = lastLine(r);
      }
    }
    await removeByLabel(this.project, Boolean(opts.purge), this.lastComposeError);
    if (renamedFrom) await removeByLabel(renamedFrom, Boolean(opts.purge), undefined);
    // Kept volumes are this project's data in the engine: `auto` keeps choosing docker until a purge.
    if (opts.purge) await removeDockerState(this.opts.specDir);
    return { stopped, killed: [], alreadyStopped, purged: Boolean(opts.purge) };
  }

  private lastComposeError?: string;

  async act(nodeId: string, action: NodeAction): Promise<void> {
    const node = this.node(nodeId);
    const c = (await this.containers()).find((x) => x.service === node.id);
    if (action === 'restart') {
      if (!c) {
        await this.compose.run(['up', '-d', '--no-deps', node.id]);
      } else {
        if (c.state === 'paused') await dockerOk(['unpause', c.id], `unpause ${node.id}`);
        if (c.state === 'running' || c.state === 'paused') await dockerOk(['restart', '-t', '2', c.id], `restart ${node.id}`);
        else await dockerOk(['start', c.id], `start ${node.id}`);
      }
      await this.waitAnswering(node, () => {});
      return;
    }
    if (!c || (c.state !== 'running' && c.state !== 'paused')) throw new ArcError(`${node.id} is not running; start it with \`redis-arc up --runtime docker\``);
    switch (action) {
      case 'kill':
        await dockerOk(['kill', '-s', 'KILL', c.id], `kill ${node.id}`);
        await waitState(c.id, (s) => s !== 'running', 5000);
        return;
      case 'pause':
        await dockerOk(['pause', c.id], `pause ${node.id}`);
        return;
      case 'resume':
        await dockerOk(['unpause', c.id], `unpause ${node.id}`);
        return;
    }
  }

  /** Print the last `lines` of each node's container log; `follow` keeps streaming until the process ends. */
  async printLogs(nodeId: string | undefined, opts: LogOptions): Promise<void> {
    const nodeIds = nodeId ? [nodeId] : this.topology.nodes.map((n) => n.id);
    const containers = await this.containers();
    const found = nodeIds.flatMap((id) => {
      const c = containers.find((x) => x.service === this.node(id).id);
      return c ? [{ id, c }] : [];
    });
    if (!found.length) throw new ArcError(`no containers of ${this.project} (${engineAddress()}); run \`redis-arc up --runtime docker\` first`);
    await printContainerLogs(found, nodeIds.length > 1, opts);
  }

  // ---- helpers ----

  /** This project's containers, found by label (works after a crash and without the state file). */
  containers(): Promise<Container[]> {
    return listContainers(this.project);
  }
}
