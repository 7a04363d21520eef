import { describe, expect, it, vi } from 'vitest';
import { EXIT } from '../../src/errors/index.js';
import { ackedBySide } from '../../src/scenarios/failover/load/ack-source.js';
import { injectNetwork, parsePartition, planCut } from '../../src/scenarios/faults/fault-network.js';
import type { AddRecord } from '../../src/scenarios/failover/load/records.js';
import { parseSpec } from '../../src/specfile/load.js';
import { planTopology } from '../../src/topology/plan.js';

const t = planTopology(parseSpec('kind: sentinel\nnetwork:\n  addresses: per-node\nports:\n  base: 8500\n  sentinelBase: 8520\n'));
const node = (id: string) => t.nodes.find((n) => n.id === id)!;
const host = (id: string) => node(id).host;

describe('network faults: which packets are dropped', () => {
  it('partition: the target against every other node, both ways; clients (127.0.0.1) untouched', () => {
    const { cut, cutOff } = planCut('partition', node('redis-1'), t.nodes);
    const others = t.nodes.filter((n) => n.id !== 'redis-1').map((n) => n.host);
    expect(cut.rules).toEqual([
      { from: [host('redis-1')], to: others },
      { from: others, to: [host('redis-1')] },
    ]);
    expect(cutOff).toEqual(['redis-1']);
    expect(JSON.stringify(cut.rules)).not.toContain('127.0.0.1');
  });

  it('--partition that leaves the node hit on no side: no side is called the one cut off with it', () => {
    const { cut, cutOff } = planCut('partition', node('redis-1'), t.nodes, 'redis-2|redis-3');
    expect(cutOff).toEqual([]);
    expect(cut.describe).toBe('partition redis-2 | redis-3 (redis-1, the node hit, is on no side: connected to all)');
    expect(planCut('partition', node('redis-3'), t.nodes, 'redis-2|redis-3,sentinel-1').cutOff).toEqual(['redis-3', 'sentinel-1']);
  });

  it('--partition: named sides, the target side cut off', () => {
    const { cut, cutOff } = planCut('partition', node('redis-1'), t.nodes, 'redis-1,sentinel-1|redis-2,redis-3,sentinel-2,sentinel-3');
    expect(cutOff).toEqual(['redis-1', 'sentinel-1']);
    expect(cut.rules[0]).toEqual({ from: [host('redis-1'), host('sentinel-1')], to: ['redis-2', 'redis-3', 'sentinel-2', 'sentinel-3'].map(host) });
    expect(cut.describe).toBe('partition redis-1,sentinel-1 | redis-2,redis-3,sentinel-2,sentinel-3');
  });

  it('isolate: everything to and from the target; hang-clients: only 127.0.0.1 and the target port', () => {
    expect(planCut('isolate', node('redis-1'), t.nodes).cut.rules).toEqual([{ from: [host('redis-1')] }, { to: [host('redis-1')] }]);
    const hang = planCut('hang-clients', node('redis-1'), t.nodes);
    expect(hang.cut.rules).toEqual([
      { from: ['127.0.0.1'], to: [host('redis-1')], toPort: 8500 },
      { from: [host('redis-1')], to: ['127.0.0.1'], fromPort: 8500 },
    ]);
    expect(hang.cutOff).toEqual([]);
  });

  it('refuses a bad --partition in one line', () => {
    expect(() => parsePartition('redis-1', t.nodes)).toThrow(/two or more sides/);
    expect(() => parsePartition('redis-1|redis-9', t.nodes)).toThrow(/no node 'redis-9'; nodes: redis-1/);
    expect(() => parsePartition('redis-1|redis-1', t.nodes)).toThrow(/on two sides/);
    expect(() => parsePartition('redis-1||redis-2', t.nodes)).toThrow(/two or more sides/);
  });
});

describe('acked adds per acknowledging node', () => {
  const rec = (id: string, by: string | undefined, settledAt: number, outcome: AddRecord['outcome'] = 'ok'): AddRecord => ({
    id,
    dueAt: 0,
    settledAt,
    outcome,
    ...(by && { ackedBy: by }),
  });
  const records = [
    rec('a', '127.1.33.52:8500', 5), // before the cut
    rec('b', '127.1.33.52:8500', 15),
    rec('c', '127.1.33.52:8500', 18),
    rec('d', '127.1.33.53:8501', 19),
    rec('e', '127.1.33.52:8500', 16, 'failed'),
    rec('f', undefined, 30),
  ];
  const names: Record<string, string> = { '127.1.33.52:8500': 'redis-1', '127.1.33.53:8501': 'redis-2' };
  const lost = new Set(['b', 'd']);

  it('counts per node, and for the side cut off only what it acknowledged during the cut', () => {
    const r = ackedBySide(
      records,
      (id) => lost.has(id),
      (a) => names[a] ?? a,
      { nodes: ['redis-1'], from: 10, to: 20 },
    );
    expect(r.byNode).toEqual([
      { node: 'redis-1', acked: 3, lost: 1 },
      { node: 'redis-2', acked: 1, lost: 1 },
      { node: 'unknown', acked: 1, lost: 0 },
    ]);
    expect(r.cutOff).toEqual({ nodes: ['redis-1'], acked: 2, lost: 1 });
  });
});

describe('network faults refused in one line, exit 4', () => {
  it('without per-node addresses, on an attached topology, or without root', async () => {
    const shared = { name: 'local', topology: planTopology(parseSpec('kind: sentinel\n')) } as never;
    await expect(injectNetwork('partition', { runtime: shared, projectDir: '/tmp/x', targetId: 'redis-1', faultMs: 1000 })).rejects.toMatchObject({
      exitCode: EXIT.cannotRun,
      message: expect.stringMatching(/needs each node on its own loopback address: set network.addresses: per-node/),
    });
    await expect(injectNetwork('isolate', { targetId: 'redis-1', faultMs: 1000 })).rejects.toMatchObject({
      exitCode: EXIT.cannotRun,
      message: expect.stringMatching(/local runtime.*--fault-cmd/),
    });
    const perNode = { name: 'local', topology: t } as never;
    const uid = vi.spyOn(process, 'getuid').mockReturnValue(1000);
    try {
      await expect(injectNetwork('hang-clients', { runtime: perNode, projectDir: '/tmp/x', targetId: 'redis-1', faultMs: 1000 })).rejects.toMatchObject({
        exitCode: EXIT.cannotRun,
        message: expect.stringMatching(/^not running as root: network faults need root and nftables \(scripts\/install-deps.sh installs it/),
      });
    } finally {
      uid.mockRestore();
    }
  });
});
