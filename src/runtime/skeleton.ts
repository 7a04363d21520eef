import { ArcError } from '../errors/index.js';
import { settleAll } from '../system/settle.js';
import type { NodePlan, Topology } from '../topology/types.js';
import { waitUntilAnswering } from '../probe/wait.js';
import type { LogOptions, NodeAction, NodeRunState, Runtime, StartRunOptions, StartStep, StopResult } from './runtime.js';

/**
 * The start algorithm, written once: resume what was left paused, check the spec against what
 * the nodes were made from, preflight, start data nodes before sentinels, wait until each
 * answers PING, and on any failure stop what this run started. A runtime supplies the primitives
 * below (how to spawn, stop, inspect and read the logs of a node) and nothing of the order.
 */
export abstract class RuntimeSkeleton implements Runtime {
  abstract readonly name: 'local' | 'docker';
  abstract readonly topology: Topology;
  abstract readonly tls: { ca: string; cert?: string; key?: string } | undefined;

  abstract states(): Promise<NodeRunState[]>;
  abstract stop(opts?: { purge?: boolean; graceMs?: number; nodes?: string[] }): Promise<StopResult>;
  abstract act(nodeId: string, action: NodeAction): Promise<void>;
  abstract endpoint(node: NodePlan): { host: string; port: number };
  abstract logFile(nodeId: string): string;
  abstract printLogs(nodeId: string | undefined, opts: LogOptions): Promise<void>;

  /** The password nodes ask for, or undefined when auth is off. */
  protected abstract readonly password: string | undefined;
  /** How long one node may take to answer after it was started, and how often to ask. */
  protected abstract readonly answering: { timeoutMs: number; intervalMs: number };
  /** True when every node is spawned in one call before any is waited for (one compose call). */
  protected abstract readonly spawnsTogether: boolean;

  /** Continue nodes left paused (a failover-test killed mid-pause); returns the verb to report it with. */
  protected abstract resume(ids: string[]): Promise<string>;
  /** Refuse when the nodes' folders or volumes were made from another spec. */
  protected abstract checkSpec(toStart: NodePlan[]): Promise<void>;
  /** Binaries, engine, image, free ports: fail before anything starts. */
  protected abstract preflight(toStart: NodePlan[]): Promise<void>;
  /** Folders, auth files, rendered files, bookkeeping: what spawning needs (`fresh`: in a folder made for this start). */
  protected abstract prepare(toStart: NodePlan[], opts: StartRunOptions): Promise<void>;
  protected abstract spawn(nodes: NodePlan[], onStep: (step: StartStep) => void): Promise<void>;
  /** Why a node this run spawned can no longer answer (asked before each PING attempt), else undefined. */
  protected abstract gaveUp(node: NodePlan, attempt: number): Promise<string | undefined>;
  /** The error for a node that did not come up, with the tail of its log. */
  protected abstract startFailure(node: NodePlan, what: string): Promise<ArcError>;

  async start(onStep: (step: StartStep) => void = () => {}, opts: StartRunOptions = {}): Promise<string[]> {
    const states = opts.fresh ? [] : await this.states();
    const paused = states.filter((s) => s.state === 'paused').map((s) => s.id);
    if (paused.length) onStep({ message: `${await this.resume(paused)} ${paused.join(', ')}, which had been left paused` });
    // Nothing was paused: the states just read still say what runs (one look, not two, before a start).
    const toStart = paused.length ? await this.notRunning() : this.notRunningIn(states);
    if (!opts.fresh) await this.checkSpec(toStart);
    if (opts.fresh) {
      // Nothing a failed check could spoil: a fresh folder is removed with the failed start. Both
      // finish before an error goes up, the check's first.
      await settleAll([this.preflight(toStart), this.prepare(toStart, opts)]);
    } else {
      await this.preflight(toStart);
      if (!toStart.length) return [];
      await this.prepare(toStart, opts);
    }

    const started: string[] = [];
    // Masters (and a standalone node) first, then replicas, then sentinels, each group once the one
    // before answers: replicas sync from a master that listens, sentinels monitor one that answers,
    // and a fresh cluster master, which says ok 2 s after it started whatever comes next, starts
    // without replicas starting beside it on the same cores.
    const groups = [
      toStart.filter((n) => n.role !== 'sentinel' && !n.replicaOf),
      toStart.filter((n) => n.role !== 'sentinel' && n.replicaOf),
      toStart.filter((n) => n.role === 'sentinel'),
    ].filter((g) => g.length);
    try {
      if (this.spawnsTogether) {
        started.push(...toStart.map((n) => n.id));
        await this.spawn(toStart, onStep);
      }
      for (const group of groups) {
        if (!this.spawnsTogether) {
          // On record before spawning: if one spawn fails, its siblings are stopped with the rest.
          started.push(...group.map((n) => n.id));
          await this.spawn(group, onStep);
        }
        await Promise.all(group.map((n) => this.waitAnswering(n, onStep)));
      }
    } catch (err) {
      await this.stop({ nodes: started }).catch(() => undefined);
      throw err;
    }
    return started;
  }

  /** Wait until a node just started answers PING; throws its start failure when it does not. */
  protected async waitAnswering(node: NodePlan, onStep: (s: StartStep) => void): Promise<void> {
    const ep = this.endpoint(node);
    onStep({ message: `waiting for ${node.id} (${ep.host}:${ep.port}) to answer PING` });
    let attempt = 0;
    const answered = await waitUntilAnswering(ep, this.topology.auth.enabled ? this.password : undefined, {
      ...this.answering,
      ...(this.tls && { client: { tls: this.tls } }),
      beforeAttempt: async () => {
        const reason = await this.gaveUp(node, ++attempt);
        if (reason) throw await this.startFailure(node, reason);
      },
    });
    if (!answered) throw await this.startFailure(node, `did not answer PING on ${ep.host}:${ep.port} within ${this.answering.timeoutMs} ms`);
  }

  /** The nodes whose process or container is not there (a paused one is there). */
  protected async notRunning(): Promise<NodePlan[]> {
    return this.notRunningIn(await this.states());
  }

  private notRunningIn(states: NodeRunState[]): NodePlan[] {
    const running = new Set(states.filter((s) => s.state !== 'stopped').map((s) => s.id));
    return this.topology.nodes.filter((n) => !running.has(n.id));
  }

  protected node(id: string): NodePlan {
    const node = this.topology.nodes.find((n) => n.id === id);
    if (!node) throw new ArcError(`no node '${id}' in ${this.topology.name}; nodes: ${this.topology.nodes.map((n) => n.id).join(', ')}`);
    return node;
  }
}
