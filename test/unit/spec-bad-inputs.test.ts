import { describe, expect, it } from 'vitest';
import { SpecError } from '../../src/errors/index.js';
import { parseSpec } from '../../src/specfile/load.js';

/** Each bad spec and the one line it must produce (matched as a substring of that single line). */
const BAD: [string, string, string][] = [
  ['empty file', '', 'the spec is empty'],
  ['top level is a list', '- kind: sentinel\n', 'expected a mapping of keys'],
  ['top level is a scalar', 'sentinel\n', 'expected a mapping of keys'],
  ['YAML syntax error with line and column', 'kind: [sentinel\n', 'redis-arc.yaml:2:1: YAML syntax error: Flow sequence'],
  ['duplicate key', 'kind: sentinel\nkind: cluster\n', 'YAML syntax error'],
  ['bad indentation', 'kind: sentinel\nsentinel:\n  quorum: 2\n   replicas: 1\n', 'YAML syntax error'],
  ['missing kind', 'name: arc\n', 'kind: is required: one of standalone, sentinel, cluster'],
  ['unknown kind', 'kind: sentinl\n', "kind: 'sentinl' is not one of standalone, sentinel, cluster"],
  ['kind of wrong type', 'kind: 3\n', 'kind: 3 is not one of'],
  ['unknown top-level key with a guess', 'kind: sentinel\nsentinal: {}\n', "sentinal: unknown key (did you mean 'sentinel'?)"],
  ['unknown top-level key without a guess', 'kind: standalone\nbogus: 1\n', 'bogus: unknown key (known keys: kind, name'],
  ['unknown nested key', 'kind: sentinel\nsentinel:\n  quorom: 2\n', "sentinel.quorom: unknown key (did you mean 'quorum'?)"],
  ['quorum above sentinels', 'kind: sentinel\nsentinel:\n  quorum: 4\n', 'sentinel.quorum: 4 is more than sentinels (3)'],
  ['quorum zero', 'kind: sentinel\nsentinel:\n  quorum: 0\n', 'sentinel.quorum: 0 is less than the minimum 1'],
  ['sentinels zero', 'kind: sentinel\nsentinel:\n  sentinels: 0\n  quorum: 1\n', 'sentinel.sentinels: 0 is less than the minimum 1'],
  ['negative replicas', 'kind: sentinel\nsentinel:\n  replicas: -1\n', 'sentinel.replicas: -1 is less than the minimum 0'],
  ['fractional replicas', 'kind: sentinel\nsentinel:\n  replicas: 1.5\n', 'sentinel.replicas: expected a whole number, got 1.5'],
  ['replicas as text', 'kind: sentinel\nsentinel:\n  replicas: two\n', "sentinel.replicas: expected a whole number, got 'two'"],
  [
    'min replicas above replicas',
    'kind: sentinel\nsentinel:\n  replicas: 1\n  minReplicasToWrite: 2\n',
    'sentinel.minReplicasToWrite: 2 is more than replicas (1)',
  ],
  ['down-after zero', 'kind: sentinel\nsentinel:\n  downAfterMs: 0\n', 'sentinel.downAfterMs: 0 is less than the minimum 1'],
  ['bad master name', 'kind: sentinel\nsentinel:\n  masterName: "my master"\n', 'sentinel.masterName:'],
  ['zero masters', 'kind: cluster\ncluster:\n  masters: 0\n', 'cluster.masters: 0 is less than the minimum 1'],
  ['too many replicas per master', 'kind: cluster\ncluster:\n  replicasPerMaster: 11\n', 'cluster.replicasPerMaster: 11 is more than the maximum 10'],
  ['cluster section on a sentinel', 'kind: sentinel\ncluster:\n  masters: 3\n', 'cluster: only used when kind is cluster (kind is sentinel)'],
  ['sentinel section on a cluster', 'kind: cluster\nsentinel: {}\n', 'sentinel: only used when kind is sentinel (kind is cluster)'],
  ['section is a list', 'kind: sentinel\nsentinel: [1, 2]\n', 'sentinel: expected a mapping, got a list'],
  ['port above 65535', 'kind: standalone\nports:\n  base: 70000\n', 'ports.base: 70000 is more than the maximum 65535'],
  ['privileged port', 'kind: standalone\nports:\n  base: 80\n', 'ports.base: 80 is less than the minimum 1024'],
  ['port as text', 'kind: standalone\nports:\n  base: "6379"\n', "ports.base: expected a whole number, got '6379'"],
  ['data ports run past 65535', 'kind: sentinel\nports:\n  base: 65534\n', 'ports.base: data ports 65534-65536 run past 65535'],
  ['cluster bus past 65535', 'kind: cluster\nports:\n  base: 60000\n', 'ports.base: cluster bus ports (data port + 10000) 70000-70005 run past 65535'],
  [
    'sentinel ports overlap data ports',
    'kind: sentinel\nports:\n  base: 7000\n  sentinelBase: 7001\n',
    'ports.sentinelBase: sentinel ports 7001-7003 overlap data ports 7000-7002',
  ],
  [
    'cluster data overlaps bus ports',
    'kind: cluster\nports:\n  base: 7000\ncluster:\n  masters: 100\n  replicasPerMaster: 100\n',
    'cluster.replicasPerMaster: 100 is more than the maximum 10',
  ],
  ['bad maxmemory', 'kind: standalone\npersistence:\n  maxmemory: lots\n', "persistence.maxmemory: 'lots': expected a size like 512mb"],
  ['unknown eviction policy', 'kind: standalone\npersistence:\n  maxmemoryPolicy: lru\n', "persistence.maxmemoryPolicy: 'lru' is not one of noeviction"],
  ['appendonly as text', 'kind: standalone\npersistence:\n  appendonly: "sometimes"\n', "persistence.appendonly: expected true or false, got 'sometimes'"],
  ['bad name', 'kind: standalone\nname: My Redis\n', "name: 'My Redis': expected lowercase letters"],
  ['empty image', 'kind: standalone\nimage: ""\n', 'image:'],
  ['bad network', 'kind: standalone\ndocker:\n  network: overlay\n', "docker.network: 'overlay' is not one of host, bridge"],
  ['bad subnet', 'kind: standalone\ndocker:\n  subnet: 10.0.0.0\n', "docker.subnet: '10.0.0.0': expected an IPv4 CIDR"],
  ['auth enabled as text', 'kind: standalone\nauth:\n  enabled: yes please\n', "auth.enabled: expected true or false, got 'yes please'"],
  [
    'ACL user without auth',
    'kind: standalone\nauth:\n  enabled: false\n  acl:\n    enabled: true\n',
    'auth.acl.enabled: an ACL user needs auth; set auth.enabled: true, or auth.acl.enabled: false',
  ],
  ['ACL user named default', 'kind: standalone\nauth:\n  acl:\n    enabled: true\n    user: default\n', "auth.acl.user: 'default' is the admin user"],
  ['ACL user with a space', 'kind: standalone\nauth:\n  acl:\n    user: bull mq\n', 'auth.acl.user: '],
  [
    'ACL user sharing the admin password file',
    'kind: standalone\nauth:\n  acl:\n    enabled: true\n    passwordFile: .redis-arc.secret\n',
    "auth.acl.passwordFile: is the admin's password file too",
  ],
  ['ACL key pattern with a space', 'kind: standalone\nauth:\n  acl:\n    keys: ["bull *"]\n', "expected a key pattern such as 'bull:*'"],
  ['ACL without key patterns', 'kind: standalone\nauth:\n  acl:\n    keys: []\n', 'auth.acl.keys:'],
  ['unknown ACL key', 'kind: standalone\nauth:\n  acl:\n    usr: app\n', "auth.acl.usr: unknown key (did you mean 'user'?)"],
  ['tls enabled as text', 'kind: standalone\ntls:\n  enabled: maybe\n', "tls.enabled: expected true or false, got 'maybe'"],
  ['unknown tls key', 'kind: standalone\ntls:\n  enable: true\n', "tls.enable: unknown key (did you mean 'enabled'?)"],
];

describe('spec validation: one clear line per bad input', () => {
  it.each(BAD)('%s', (_name, yaml, expected) => {
    let error: unknown;
    try {
      parseSpec(yaml, '/tmp/x/redis-arc.yaml');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(SpecError);
    const lines = (error as SpecError).problems;
    expect(lines.length).toBeGreaterThanOrEqual(1);
    const line = lines.find((l) => l.includes(expected));
    expect(line, `expected a line containing ${JSON.stringify(expected)}, got ${JSON.stringify(lines)}`).toBeDefined();
    expect(line!.includes('\n')).toBe(false);
    expect(line!.startsWith('redis-arc.yaml')).toBe(true);
    expect(line).not.toMatch(/\bat .*\.ts:\d+/); // no stack frames
  });

  it('names the line of the offending key', () => {
    const err = (() => {
      try {
        parseSpec('kind: sentinel\nname: a\nsentinel:\n  replicas: 1\n  quorum: 9\n');
      } catch (e) {
        return e as SpecError;
      }
    })();
    expect(err?.problems).toEqual(['redis-arc.yaml:5: sentinel.quorum: 9 is more than sentinels (3)']);
  });

  it('reports every problem, not only the first', () => {
    try {
      parseSpec('kind: sentinel\nfoo: 1\nsentinel:\n  replicas: -1\n  bar: 2\n');
      expect.unreachable();
    } catch (e) {
      expect((e as SpecError).problems).toHaveLength(3);
    }
  });
});

describe('spec defaults', () => {
  it('fills the seed defaults, with noeviction instead of the seed’s allkeys-lru', () => {
    const spec = parseSpec('kind: sentinel\n');
    expect(spec.sentinel).toMatchObject({ replicas: 2, sentinels: 3, quorum: 2, downAfterMs: 5000, failoverTimeoutMs: 10000 });
    expect(spec.persistence.maxmemoryPolicy).toBe('noeviction');
    expect(spec.auth.enabled).toBe(true);
    expect(spec.cluster).toBeUndefined();
  });

  it('gives cluster 3 masters x 1 replica on its own port base', () => {
    const spec = parseSpec('kind: cluster\n');
    expect(spec.cluster).toEqual({ masters: 3, replicasPerMaster: 1, nodeTimeoutMs: 5000 });
    expect(spec.ports.base).toBe(7000);
  });
});
