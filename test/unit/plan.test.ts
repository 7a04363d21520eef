import { describe, expect, it } from 'vitest';
import { parseSpec } from '../../src/specfile/load.js';
import { planTopology } from '../../src/topology/plan.js';
import { CLUSTER_SLOTS, slotRanges } from '../../src/topology/slots.js';

describe('planTopology', () => {
  it('plans sentinel 1+2+3 on consecutive loopback ports', () => {
    const t = planTopology(parseSpec('kind: sentinel\n'));
    expect(t.nodes.map((n) => [n.id, n.role, n.host, n.port, n.replicaOf])).toEqual([
      ['redis-1', 'master', '127.0.0.1', 6380, undefined],
      ['redis-2', 'replica', '127.0.0.1', 6381, 'redis-1'],
      ['redis-3', 'replica', '127.0.0.1', 6382, 'redis-1'],
      ['sentinel-1', 'sentinel', '127.0.0.1', 26380, undefined],
      ['sentinel-2', 'sentinel', '127.0.0.1', 26381, undefined],
      ['sentinel-3', 'sentinel', '127.0.0.1', 26382, undefined],
    ]);
    expect(t.sentinel).toMatchObject({ masterName: 'mymaster', quorum: 2 });
  });

  it('plans a 3x1 cluster: masters own all slots, each replica follows one master', () => {
    const t = planTopology(parseSpec('kind: cluster\n'));
    const masters = t.nodes.filter((n) => n.role === 'master');
    const replicas = t.nodes.filter((n) => n.role === 'replica');
    expect(masters.map((m) => m.slots)).toEqual([
      [0, 5460],
      [5461, 10922],
      [10923, 16383],
    ]);
    expect(replicas.map((r) => r.replicaOf)).toEqual(['node-1', 'node-2', 'node-3']);
    expect(t.nodes.every((n) => n.busPort === n.port + 10000)).toBe(true);
  });

  it('spreads replicas round-robin over masters (10x2)', () => {
    const t = planTopology(parseSpec('kind: cluster\ncluster:\n  masters: 10\n  replicasPerMaster: 2\n'));
    expect(t.nodes).toHaveLength(30);
    for (let m = 1; m <= 10; m++) {
      expect(t.nodes.filter((n) => n.replicaOf === `node-${m}`)).toHaveLength(2);
    }
  });

  it('gives bridge networking fixed container addresses but keeps host addresses on loopback', () => {
    const t = planTopology(parseSpec('kind: sentinel\ndocker:\n  network: bridge\n  subnet: 172.30.5.0/24\n'));
    expect(t.nodes.map((n) => n.announceIp)).toEqual(['172.30.5.10', '172.30.5.11', '172.30.5.12', '172.30.5.13', '172.30.5.14', '172.30.5.15']);
    expect(t.nodes.every((n) => n.host === '127.0.0.1')).toBe(true);
  });
});

describe('slotRanges', () => {
  it.each([1, 2, 3, 5, 7, 10, 100])('covers all 16384 slots exactly once for %i masters', (masters) => {
    const ranges = slotRanges(masters);
    expect(ranges).toHaveLength(masters);
    for (const [start, end] of ranges) expect(start).toBeLessThanOrEqual(end);
    expect(ranges[0]![0]).toBe(0);
    expect(ranges.at(-1)![1]).toBe(CLUSTER_SLOTS - 1);
    for (let i = 1; i < ranges.length; i++) expect(ranges[i]![0]).toBe(ranges[i - 1]![1] + 1);
  });
});
