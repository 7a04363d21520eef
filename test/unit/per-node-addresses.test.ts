import { describe, expect, it } from 'vitest';
import { renderNodeConf } from '../../src/render/render.js';
import { TemplateSet } from '../../src/render/templates.js';
import { parseSpec } from '../../src/specfile/load.js';
import { nodeAddress } from '../../src/topology/address.js';
import { planTopology } from '../../src/topology/plan.js';

const local = (host: string) => ({ bind: host, bindSourceAddr: host, dir: '/d', logfile: '/d/log' });

describe('per-node loopback addresses', () => {
  it('gives each node its own address derived from its port, never 127.0.0.1', () => {
    const t = planTopology(parseSpec('kind: sentinel\nnetwork:\n  addresses: per-node\nports:\n  base: 8500\n  sentinelBase: 8520\n'));
    expect(t.nodes.map((n) => [n.id, n.host, n.announceIp])).toEqual([
      ['redis-1', '127.1.33.52', '127.1.33.52'],
      ['redis-2', '127.1.33.53', '127.1.33.53'],
      ['redis-3', '127.1.33.54', '127.1.33.54'],
      ['sentinel-1', '127.1.33.72', '127.1.33.72'],
      ['sentinel-2', '127.1.33.73', '127.1.33.73'],
      ['sentinel-3', '127.1.33.74', '127.1.33.74'],
    ]);
    const all = new Set(Array.from({ length: 65536 - 1024 }, (_, i) => nodeAddress('per-node', 1024 + i)));
    expect(all.size).toBe(65536 - 1024);
    expect(all.has('127.0.0.1')).toBe(false);
  });

  it('keeps 127.0.0.1 for the default (shared) and under docker bridge networking', () => {
    expect(planTopology(parseSpec('kind: sentinel\n')).nodes.every((n) => n.host === '127.0.0.1')).toBe(true);
    const bridge = planTopology(parseSpec('kind: cluster\nnetwork:\n  addresses: per-node\ndocker:\n  network: bridge\n'));
    expect(bridge.addresses).toBe('shared');
    expect(bridge.nodes.every((n) => n.host === '127.0.0.1')).toBe(true);
  });

  it('binds, leaves from and announces the node address; without auth protected mode is off', () => {
    const t = planTopology(
      parseSpec('kind: sentinel\nnetwork:\n  addresses: per-node\nauth:\n  enabled: false\nsentinel:\n  minReplicasToWrite: 1\n  minReplicasMaxLagS: 3\n'),
    );
    const replica = t.nodes.find((n) => n.id === 'redis-2')!;
    const conf = renderNodeConf(new TemplateSet(), t, replica, local(replica.host));
    expect(conf).toContain(`bind ${replica.host}\n`);
    expect(conf).toContain(`bind-source-addr ${replica.host}\n`);
    expect(conf).toContain('protected-mode no\n');
    expect(conf).toContain(`replica-announce-ip ${replica.host}\n`);
    expect(conf).toContain(`replicaof ${t.nodes[0]!.host} ${t.nodes[0]!.port}\n`);
    expect(conf).toContain('min-replicas-to-write 1\nmin-replicas-max-lag 3\n');
    const sentinel = t.nodes.find((n) => n.id === 'sentinel-1')!;
    const sconf = renderNodeConf(new TemplateSet(), t, sentinel, local(sentinel.host));
    expect(sconf).toContain(`bind-source-addr ${sentinel.host}\n`);
    expect(sconf).toContain(`sentinel announce-ip ${sentinel.host}\n`);
    expect(sconf).toContain(`sentinel monitor mymaster ${t.nodes[0]!.host} ${t.nodes[0]!.port} 2\n`);
  });

  it('keeps protected mode on when auth is on', () => {
    const t = planTopology(parseSpec('kind: cluster\nnetwork:\n  addresses: per-node\n'));
    const n = t.nodes[0]!;
    const conf = renderNodeConf(new TemplateSet(), t, n, local(n.host));
    expect(conf).toContain('protected-mode yes\n');
    expect(conf).toContain(`cluster-announce-ip ${n.host}\n`);
  });
});
