/**
 * The start algorithm written once (src/runtime/skeleton.ts), on a driver that only records what
 * it is asked to do: data nodes are spawned and answer before any sentinel is spawned, and a node
 * that gives up stops exactly what this run spawned (its siblings included), never a sentinel it
 * did not reach. Nothing listens on the nodes' port, so no PING ever succeeds.
 */
import { describe, expect, it } from 'vitest';
import { ArcError } from '../../src/errors/index.js';
import type { NodeRunState, StopResult } from '../../src/runtime/runtime.js';
import { RuntimeSkeleton } from '../../src/runtime/skeleton.js';
import type { NodePlan, Topology } from '../../src/topology/types.js';

const node = (id: string, role: NodePlan['role']): NodePlan => ({ id, role, host: '127.0.0.1', port: 1, announceIp: '127.0.0.1' });

class RecordingRuntime extends RuntimeSkeleton {
  readonly name = 'local' as const;
  readonly tls = undefined;
  readonly calls: string[] = [];
  protected readonly password = undefined;
  protected readonly answering = { timeoutMs: 200, intervalMs: 20 };
  protected readonly spawnsTogether = false;

  constructor(
    readonly topology: Topology,
    private readonly failing: string,
  ) {
    super();
  }
  async states(): Promise<NodeRunState[]> {
    return this.topology.nodes.map((n) => ({ id: n.id, state: 'stopped' }));
  }
  async stop(opts: { nodes?: string[] } = {}): Promise<StopResult> {
    this.calls.push(`stop ${opts.nodes?.join(',')}`);
    return { stopped: opts.nodes ?? [], killed: [], alreadyStopped: [], purged: false };
  }
  async act(): Promise<void> {}
  endpoint(n: NodePlan) {
    return { host: n.host, port: n.port };
  }
  logFile(): string {
    return '';
  }
  async printLogs(): Promise<void> {}
  protected async resume(): Promise<string> {
    return 'resumed';
  }
  protected async checkSpec(): Promise<void> {}
  protected async preflight(): Promise<void> {}
  protected async prepare(): Promise<void> {}
  protected async spawn(nodes: NodePlan[]): Promise<void> {
    this.calls.push(`spawn ${nodes.map((n) => n.id).join(',')}`);
  }
  protected async gaveUp(n: NodePlan): Promise<string | undefined> {
    return n.id === this.failing ? 'exited (1) right after starting' : undefined;
  }
  protected async startFailure(n: NodePlan, what: string): Promise<ArcError> {
    return new ArcError(`${n.id} ${what}`);
  }
}

const topology = {
  name: 'arc',
  kind: 'sentinel',
  auth: { enabled: false },
  nodes: [node('redis-1', 'master'), node('redis-2', 'replica'), node('sentinel-1', 'sentinel')],
} as unknown as Topology;

describe('the runtime skeleton', () => {
  it('a data node that gives up stops the data nodes this run spawned; the sentinels are never spawned', async () => {
    const rt = new RecordingRuntime(topology, 'redis-2');
    await expect(rt.start()).rejects.toThrow('redis-2 exited (1) right after starting');
    expect(rt.calls).toEqual(['spawn redis-1,redis-2', 'stop redis-1,redis-2']);
  });

  it('data nodes that never answer: the wait names one with its address and time, and no sentinel is spawned', async () => {
    const rt = new RecordingRuntime(topology, 'sentinel-1');
    await expect(rt.start()).rejects.toThrow(/redis-[12] did not answer PING on 127\.0\.0\.1:1 within 200 ms/);
    expect(rt.calls).toEqual(['spawn redis-1,redis-2', 'stop redis-1,redis-2']);
  });
});
