/**
 * Every doctor rule on fixture states, without Redis: the spec checks on parsed specs, the live
 * checks on hand-built readings (test/unit/doctor-states.ts). Each rule is shown firing and not firing.
 */
import { describe, expect, it } from 'vitest';
import { checkLive, checkSpec } from '../../src/doctor/check.js';
import type { Finding } from '../../src/doctor/finding.js';
import { keySlot } from '../../src/topology/key-slot.js';
import type { LiveState } from '../../src/doctor/live-read.js';
import { parseSpec } from '../../src/specfile/load.js';
import {
  at,
  ep,
  CLUSTER_INFO,
  clusterMaster,
  clusterNodes,
  clusterReplica,
  clusterState,
  CONFIG,
  master,
  nameOf,
  OFFSET,
  replica,
  sentinel,
  sentinelNodes,
  sentinels,
  sentinelState,
  SLOTS,
  standaloneState,
  unreachable,
  withConfig,
} from './doctor-states.js';

const spec = (yaml: string) => checkSpec(parseSpec(yaml));
const live = (state: LiveState, project = true): Finding[] => checkLive(state, { project }).findings;
const rules = (findings: Finding[]) => findings.map((f) => f.rule);
const only = (findings: Finding[], rule: string): Finding => {
  const matching = findings.filter((f) => f.rule === rule);
  expect(matching, `${rule} in ${JSON.stringify(rules(findings))}`).toHaveLength(1);
  return matching[0]!;
};
const persist = 'then CONFIG REWRITE so a restart keeps it';
const liveFinding = (
  severity: Finding['severity'],
  rule: string,
  path: string,
  nodes: string[],
  observed: string,
  [message, fix]: [string, string],
  specKey?: string,
): Finding => ({
  source: 'live',
  severity,
  rule,
  path,
  nodes,
  observed,
  message,
  fix,
  ...(specKey && { specKey }),
});
const specFinding = (severity: Finding['severity'], rule: string, path: string, [message, fix]: [string, string]): Finding => ({
  source: 'spec',
  severity,
  rule,
  path,
  message,
  fix,
});

describe('spec rules', () => {
  it('find nothing in the default standalone spec, and only the informational notes in sentinel and cluster specs', () => {
    expect(spec('kind: standalone\n')).toEqual([]);
    expect(rules(spec('kind: sentinel\n'))).toEqual(['min-replicas-to-write']);
    expect(rules(spec('kind: cluster\n'))).toEqual(['cluster-hash-tags']);
    expect(spec('kind: cluster\n')[0]).toEqual(
      specFinding('info', 'cluster-hash-tags', 'kind', [
        "on a cluster every BullMQ queue needs a hash-tagged prefix such as '{bull}', or its scripts fail with CROSSSLOT",
        "create queues with { prefix: '{bull}' } (redis-arc's connections do this for you)",
      ]),
    );
  });

  it('maxmemory-policy: an evicting policy is an error naming the policy', () => {
    expect(spec('kind: standalone\npersistence:\n  maxmemoryPolicy: allkeys-lru\n')).toEqual([
      specFinding('error', 'maxmemory-policy', 'persistence.maxmemoryPolicy', [
        'allkeys-lru evicts keys when memory is full: BullMQ silently loses jobs and queue metadata',
        'set persistence.maxmemoryPolicy: noeviction (writes then fail loudly at the limit instead)',
      ]),
    ]);
  });

  it('appendonly and appendfsync: off warns; fsync no warns only while appendonly is on', () => {
    expect(spec('kind: standalone\npersistence:\n  appendonly: false\n  appendfsync: "no"\n')).toMatchObject([
      {
        rule: 'appendonly',
        severity: 'warning',
        path: 'persistence.appendonly',
        message: 'appendonly is off: a restarted node comes back with the jobs of its last snapshot only',
      },
    ]);
    expect(spec('kind: standalone\npersistence:\n  appendfsync: "no"\n')).toMatchObject([
      { rule: 'appendfsync', severity: 'warning', path: 'persistence.appendfsync', fix: 'set persistence.appendfsync: everysec' },
    ]);
  });

  it('maxmemory: zero in any unit warns, a limit does not', () => {
    for (const zero of ['0', '0mb', '00GB']) expect(rules(spec(`kind: standalone\npersistence:\n  maxmemory: ${zero}\n`)), zero).toEqual(['maxmemory']);
    expect(spec('kind: standalone\npersistence:\n  maxmemory: 10mb\n')).toEqual([]);
  });

  it('auth: off warns', () => {
    expect(spec('kind: standalone\nauth:\n  enabled: false\n')).toMatchObject([{ rule: 'auth', severity: 'warning', path: 'auth.enabled' }]);
  });

  it('sentinel-replicas: none is an error, and then min-replicas-to-write has nothing to say', () => {
    expect(spec('kind: sentinel\nsentinel:\n  replicas: 0\n')).toMatchObject([
      { rule: 'sentinel-replicas', severity: 'error', message: 'no replicas: the sentinels have nothing to promote, so a master failure is an outage' },
    ]);
  });

  it('sentinel-count: one is an error, two a warning, an even count a warning naming the odd neighbours', () => {
    expect(only(spec('kind: sentinel\nsentinel:\n  sentinels: 1\n  quorum: 1\n'), 'sentinel-count')).toMatchObject({
      severity: 'error',
      message: '1 sentinel: losing one leaves no majority to authorize a failover',
      fix: 'set sentinel.sentinels: 3 (on separate hosts in production)',
    });
    expect(only(spec('kind: sentinel\nsentinel:\n  sentinels: 2\n'), 'sentinel-count')).toMatchObject({
      severity: 'warning',
      message: '2 sentinels: losing one leaves no majority to authorize a failover',
    });
    expect(only(spec('kind: sentinel\nsentinel:\n  sentinels: 4\n  quorum: 3\n'), 'sentinel-count')).toMatchObject({
      severity: 'warning',
      message: '4 sentinels (even): tolerates no more failures than 3, with one more process to run',
      fix: 'set sentinel.sentinels: 3 or 5',
    });
    expect(rules(spec('kind: sentinel\nsentinel:\n  sentinels: 5\n  quorum: 3\n'))).not.toContain('sentinel-count');
  });

  it('sentinel-quorum: below a majority warns with the majority as the fix', () => {
    expect(only(spec('kind: sentinel\nsentinel:\n  sentinels: 5\n  quorum: 2\n'), 'sentinel-quorum')).toMatchObject({
      severity: 'warning',
      message: 'quorum 2 is not a majority of 5: a minority of sentinels can declare the master down',
      fix: 'set sentinel.quorum: 3',
    });
  });

  it('down-after and node-timeout: below 1000 ms warns', () => {
    expect(only(spec('kind: sentinel\nsentinel:\n  downAfterMs: 500\n'), 'down-after')).toMatchObject({
      path: 'sentinel.downAfterMs',
      fix: 'set sentinel.downAfterMs to at least 1000 (5000 in production)',
    });
    expect(only(spec('kind: cluster\ncluster:\n  nodeTimeoutMs: 999\n'), 'node-timeout')).toMatchObject({
      path: 'cluster.nodeTimeoutMs',
      message: '999 ms: a node busy for that long is failed over: flapping',
    });
    expect(rules(spec('kind: sentinel\nsentinel:\n  downAfterMs: 1000\n'))).not.toContain('down-after');
  });

  it('min-replicas-to-write: 0 with replicas is an info, 1 is silent (max-lag 10 s: split-brain-window speaks)', () => {
    expect(only(spec('kind: sentinel\n'), 'min-replicas-to-write')).toMatchObject({ severity: 'info', path: 'sentinel.minReplicasToWrite' });
    expect(rules(spec('kind: sentinel\nsentinel:\n  minReplicasToWrite: 1\n'))).toEqual(['split-brain-window']);
    expect(spec('kind: sentinel\nsentinel:\n  minReplicasToWrite: 1\n  minReplicasMaxLagS: 2\n')).toEqual([]);
  });

  it('cluster-masters and cluster-replicas: fewer than 3 masters is an error, no replicas a warning', () => {
    expect(spec('kind: cluster\ncluster:\n  masters: 2\n  replicasPerMaster: 0\n')).toMatchObject([
      { rule: 'cluster-masters', severity: 'error', message: '2 masters: failover needs a majority of masters to agree, so fewer than 3 cannot fail over' },
      { rule: 'cluster-replicas', severity: 'warning', fix: 'set cluster.replicasPerMaster: 1' },
      { rule: 'cluster-hash-tags', severity: 'info' },
    ]);
  });

  it('lists findings in rule order: persistence, auth, then the topology', () => {
    const yaml =
      'kind: sentinel\nauth:\n  enabled: false\npersistence:\n  maxmemoryPolicy: volatile-lru\n  appendonly: false\nsentinel:\n  sentinels: 2\n  quorum: 1\n  downAfterMs: 10\n';
    expect(rules(spec(yaml))).toEqual(['maxmemory-policy', 'appendonly', 'auth', 'sentinel-count', 'sentinel-quorum', 'down-after', 'min-replicas-to-write']);
  });
});

describe('live rules on a data node', () => {
  it('find nothing on healthy sentinel, cluster and standalone states (but the min-replicas note on a cluster)', () => {
    expect(live(sentinelState())).toEqual([]);
    expect(live(standaloneState())).toEqual([]);
    expect(rules(live(clusterState()))).toEqual(['min-replicas-to-write']);
  });

  it('node-unreachable: a master is an error, replicas a warning; equal failures become one finding', () => {
    const state = sentinelState([unreachable(6380), unreachable(6381), unreachable(6382)]);
    expect(live(state)).toEqual([
      liveFinding('error', 'node-unreachable', 'connection', [nameOf(6380)], 'unreachable (connect ECONNREFUSED)', [
        'a master that does not answer: every queue it holds is stalled until a failover',
        'start it (redis-arc up, in a project), or check its address and firewall',
      ]),
      liveFinding('warning', 'node-unreachable', 'connection', [nameOf(6381), nameOf(6382)], 'unreachable (connect ECONNREFUSED)', [
        'a replica that does not answer: one copy fewer to fail over to',
        'start it (redis-arc up, in a project), or check its address and firewall',
      ]),
    ]);
  });

  it('node-unreachable: a cluster node flagged master is a master even without a role', () => {
    const nodes = clusterNodes();
    nodes[0] = { ...unreachable(7000, { flags: ['master', 'fail'], slots: [[0, 5460]], replicas: [ep(7003)] }) };
    expect(only(live(clusterState(nodes)), 'node-unreachable')).toMatchObject({ severity: 'error', nodes: [nameOf(7000)] });
  });

  it('config-unreadable: a node whose CONFIG is refused is a warning, and its settings are not judged', () => {
    const nodes = sentinelNodes();
    nodes[1] = { ...nodes[1]!, config: undefined, configError: "ERR unknown command 'CONFIG'" };
    expect(live(sentinelState(nodes))).toEqual([
      liveFinding('warning', 'config-unreadable', 'CONFIG GET', [nameOf(6381)], "ERR unknown command 'CONFIG'", [
        'CONFIG is renamed, disabled or not permitted: maxmemory-policy, appendonly and min-replicas-to-write were not checked on it',
        "check them in the provider's console, or grant the doctor user +config|get",
      ]),
    ]);
  });

  it('maxmemory-policy: an evicting policy is an error on each node; specKey only in a project', () => {
    const nodes = sentinelNodes().map((n) => withConfig(n, { 'maxmemory-policy': 'allkeys-lru' }));
    const expected = liveFinding('error', 'maxmemory-policy', 'maxmemory-policy', [6380, 6381, 6382].map(nameOf), 'allkeys-lru', [
      'allkeys-lru evicts keys when memory is full: BullMQ silently loses jobs and queue metadata',
      `CONFIG SET maxmemory-policy noeviction, ${persist}`,
    ]);
    expect(live(sentinelState(nodes))).toEqual([{ ...expected, specKey: 'persistence.maxmemoryPolicy' }]);
    expect(live(sentinelState(nodes), false)).toEqual([expected]);
  });

  it('appendonly, appendfsync and maxmemory: each warns with its CONFIG SET fix', () => {
    const nodes = sentinelNodes();
    nodes[0] = withConfig(nodes[0]!, { appendonly: 'no', appendfsync: 'no' });
    nodes[1] = withConfig(nodes[1]!, { appendfsync: 'no' });
    nodes[2] = withConfig(nodes[2]!, { maxmemory: '0' });
    const found = live(sentinelState(nodes));
    expect(only(found, 'appendonly')).toMatchObject({
      nodes: [nameOf(6380)],
      observed: 'no',
      fix: `CONFIG SET appendonly yes, ${persist}`,
      specKey: 'persistence.appendonly',
    });
    expect(only(found, 'appendfsync')).toMatchObject({
      nodes: [nameOf(6381)],
      fix: `CONFIG SET appendfsync everysec, ${persist}`,
      specKey: 'persistence.appendfsync',
    });
    expect(only(found, 'maxmemory')).toMatchObject({ nodes: [nameOf(6382)], observed: '0 (no limit)', specKey: 'persistence.maxmemory' });
  });

  it('node-timeout: below 1 s flaps, above 10 s stalls, in between is fine', () => {
    const set = (ms: string) => clusterState(clusterNodes().map((n) => withConfig(n, { 'cluster-node-timeout': ms })));
    const low = [
      'a master busy for 500 ms (fork, slow disk, a burst of large jobs) is failed over: failovers flap and workers reconnect for nothing',
      'CONFIG SET cluster-node-timeout 5000 on every node (at least 1000)',
    ] as [string, string];
    const everyNode = [7000, 7001, 7002, 7003, 7004, 7005].map(nameOf);
    expect(only(live(set('500')), 'node-timeout')).toEqual(
      liveFinding('warning', 'node-timeout', 'cluster-node-timeout', everyNode, '500 ms', low, 'cluster.nodeTimeoutMs'),
    );
    expect(only(live(set('15000')), 'node-timeout')).toMatchObject({
      message: 'a dead master is noticed only after 15 s: every add and every worker on its queues stalls that long before the failover even starts',
      fix: 'CONFIG SET cluster-node-timeout 5000 on every node (at most 10000)',
    });
    expect(rules(live(set('10000')))).not.toContain('node-timeout');
  });
});

describe('live min-replicas-to-write', () => {
  const withMin = (min: string, replicaPorts = [6381, 6382], extra: Partial<Record<string, string>> = {}) =>
    sentinelState([master(6380, replicaPorts, { ...CONFIG, 'min-replicas-to-write': min, ...extra }), replica(6381, 6380), replica(6382, 6380)]);

  it('is an error when the master refuses writes now: fewer replicas in sync than required', () => {
    const state = withMin('2', [6381]);
    const refused = [
      'the master refuses writes now (NOREPLICAS): every BullMQ add and every job a worker moves fails',
      'bring the replicas back, or CONFIG SET min-replicas-to-write 1',
    ] as [string, string];
    expect(only(live(state), 'min-replicas-to-write')).toEqual(
      liveFinding(
        'error',
        'min-replicas-to-write',
        'min-replicas-to-write',
        [nameOf(6380)],
        '2, with 1 replica in sync (lag <= 10 s)',
        refused,
        'sentinel.minReplicasToWrite',
      ),
    );
  });

  it('does not count a replica lagging beyond min-replicas-max-lag as in sync', () => {
    const state = withMin('2');
    state.nodes[0]!.replication!.replicas[1]!.lagSeconds = 11;
    expect(only(live(state), 'min-replicas-to-write')).toMatchObject({ severity: 'error', observed: '2, with 1 replica in sync (lag <= 10 s)' });
  });

  it('warns when every known replica is required, with a fix that keeps one spare', () => {
    expect(only(live(withMin('2')), 'min-replicas-to-write')).toMatchObject({
      severity: 'warning',
      observed: '2, with 2 replicas',
      message: 'every replica is required: one replica restart or resync stops every add with NOREPLICAS',
      fix: `CONFIG SET min-replicas-to-write 1, ${persist}`,
    });
    const one = sentinelState(
      [master(6380, [6381]), replica(6381, 6380)],
      sentinels().map((s) => ({ ...s, status: { ...s.status, knownReplicas: 1, usableReplicas: 1 } })),
    );
    expect(only(live(one), 'min-replicas-to-write')).toMatchObject({
      observed: '1, with 1 replica',
      fix: 'add a replica, or CONFIG SET min-replicas-to-write 0',
    });
  });

  it('counts the replicas the sentinels know, not only the connected ones', () => {
    // One replica connected, sentinels know 2: requiring 1 leaves a spare, so nothing to say.
    expect(rules(live(withMin('1', [6381])))).not.toContain('min-replicas-to-write');
  });

  it('is an info at 0 with replicas, silent without replicas, and never judged on replicas', () => {
    expect(only(live(withMin('0')), 'min-replicas-to-write')).toMatchObject({ severity: 'info', observed: '0', nodes: [nameOf(6380)] });
    expect(live(standaloneState())).toEqual([]);
    const nodes = sentinelNodes().map((n) => withConfig(n, { 'min-replicas-to-write': '5' }));
    nodes[0] = withConfig(nodes[0]!, { 'min-replicas-to-write': '1' });
    expect(rules(live(sentinelState(nodes)))).not.toContain('min-replicas-to-write');
  });

  it('has no specKey on a cluster (the cluster spec has no such key)', () => {
    expect(only(live(clusterState()), 'min-replicas-to-write').specKey).toBeUndefined();
  });
});

describe('live replication rules', () => {
  it('replica-link: a replica whose link is down is an error', () => {
    const nodes = sentinelNodes();
    nodes[2]!.replication = { ...nodes[2]!.replication!, linkStatus: 'down', lastIoSecondsAgo: -1 };
    expect(only(live(sentinelState(nodes)), 'replica-link')).toMatchObject({
      severity: 'error',
      path: 'master_link_status',
      nodes: [nameOf(6382)],
      observed: 'down (master_last_io_seconds_ago -1)',
    });
  });

  it('replica-lag: more than 1 MiB or 10 s behind its master warns, naming both offsets', () => {
    const nodes = sentinelNodes();
    nodes[1]!.replication = { ...nodes[1]!.replication!, offset: OFFSET - 2_000_000, lastIoSecondsAgo: 3 };
    nodes[2]!.replication = { ...nodes[2]!.replication!, offset: OFFSET - 1024 };
    expect(live(sentinelState(nodes))).toEqual([
      liveFinding(
        'warning',
        'replica-lag',
        'INFO replication',
        [nameOf(6381)],
        `2000000 bytes behind ${nameOf(6380)} (offset ${OFFSET - 2_000_000} vs ${OFFSET}), lag 0 s, master_last_io_seconds_ago 3`,
        [
          'a failover now loses the jobs in that gap, and a lagging replica does not count for min-replicas-to-write',
          "check the replica's network and disk; if it keeps resyncing, raise repl-backlog-size",
        ],
      ),
    ]);
    const late = sentinelNodes();
    late[0]!.replication!.replicas[0]!.lagSeconds = 11;
    expect(only(live(sentinelState(late)), 'replica-lag').observed).toContain('lag 11 s');
  });

  it('config-drift: data nodes that disagree warn, unless the setting is already reported as wrong', () => {
    const nodes = sentinelNodes();
    nodes[2] = withConfig(nodes[2]!, { maxmemory: '2147483648' });
    expect(live(sentinelState(nodes))).toEqual([
      liveFinding(
        'warning',
        'config-drift',
        'maxmemory',
        [6380, 6381, 6382].map(nameOf),
        `1073741824 on ${nameOf(6380)}, ${nameOf(6381)}; 2147483648 on ${nameOf(6382)}`,
        [
          'the data nodes disagree: a failover promotes a replica that runs with a different setting',
          `CONFIG SET maxmemory to one value on every node, ${persist}`,
        ],
      ),
    ]);
    const wrong = sentinelNodes();
    wrong[2] = withConfig(wrong[2]!, { 'maxmemory-policy': 'allkeys-lru' });
    expect(rules(live(sentinelState(wrong)))).toEqual(['maxmemory-policy']);
    // An info (min-replicas-to-write 0 on the master) does not stand for the drift it hides.
    const info = sentinelNodes();
    info[0] = withConfig(info[0]!, { 'min-replicas-to-write': '0' });
    expect(rules(live(sentinelState(info)))).toEqual(['config-drift', 'min-replicas-to-write']);
  });
});

describe('live sentinel rules', () => {
  const withSentinel = (i: number, over: Parameters<typeof sentinel>[1], downAfter?: string) => {
    const all = sentinels();
    all[i] = sentinel(26380 + i, over, downAfter);
    return sentinelState(sentinelNodes(), all);
  };

  it('sentinel-unreachable: one of three is a warning, two of three an error', () => {
    const one = withSentinel(2, { reachable: false, error: `connect ECONNREFUSED ${at(26382)}` });
    expect(live(one)).toEqual([
      liveFinding('warning', 'sentinel-unreachable', 'connection', [nameOf(26382)], 'unreachable (connect ECONNREFUSED)', [
        'one vote fewer: a failover needs 2 of the 3 sentinels',
        'start it, or check its address and firewall',
      ]),
    ]);
    const down = sentinels();
    for (const i of [1, 2]) down[i] = sentinel(26380 + i, { reachable: false, error: `connect ECONNREFUSED ${at(26380 + i)}` });
    expect(only(live(sentinelState(sentinelNodes(), down)), 'sentinel-unreachable')).toMatchObject({
      severity: 'error',
      nodes: [nameOf(26381), nameOf(26382)],
      message: 'only 1 of 3 sentinels answer, a failover needs 2: a master failure is an outage',
    });
  });

  it('sentinel-master: a sentinel without the master is an error, and so are sentinels that disagree', () => {
    expect(live(withSentinel(1, { master: undefined }))).toMatchObject([
      {
        rule: 'sentinel-master',
        severity: 'error',
        nodes: [nameOf(26381)],
        observed: "no master named 'mymaster'",
        fix: 'check --master-name, or SENTINEL MONITOR mymaster <ip> <port> <quorum> on it',
      },
    ]);
    expect(live(withSentinel(2, { master: ep(6381) }))).toEqual([
      liveFinding(
        'error',
        'sentinel-master',
        'SENTINEL GET-MASTER-ADDR-BY-NAME',
        [26380, 26381, 26382].map(nameOf),
        `${at(6380)} (${nameOf(26380)}, ${nameOf(26381)}) vs ${at(6381)} (${nameOf(26382)})`,
        [
          'the sentinels disagree on the master: clients asking different sentinels write to different masters',
          'compare SENTINEL MASTER mymaster on each; a sentinel cut off from its peers needs SENTINEL RESET mymaster',
        ],
      ),
    ]);
  });

  it('master-down and sentinel-ckquorum: errors as the sentinel reports them', () => {
    const found = live(withSentinel(0, { masterFlags: ['master', 's_down'], ckquorum: { ok: false, message: 'NOQUORUM 1 usable Sentinels' } }));
    expect(rules(found)).toEqual(['master-down', 'sentinel-ckquorum']);
    expect(found[0]).toMatchObject({ observed: 'flags master,s_down', nodes: [nameOf(26380)] });
    expect(found[1]).toMatchObject({ observed: 'NOQUORUM 1 usable Sentinels', path: 'SENTINEL CKQUORUM' });
  });

  it('sentinel-peers: a sentinel that knows fewer peers than there are warns', () => {
    expect(live(withSentinel(1, { otherSentinels: 1 }))).toMatchObject([
      { rule: 'sentinel-peers', severity: 'warning', nodes: [nameOf(26381)], observed: 'knows 1 of 2 other sentinels' },
    ]);
  });

  it('sentinel-replicas: none known is an error, some down a warning', () => {
    expect(only(live(withSentinel(0, { knownReplicas: 0, usableReplicas: 0 })), 'sentinel-replicas')).toMatchObject({
      severity: 'error',
      observed: '0 replicas known',
      specKey: 'sentinel.replicas',
    });
    expect(only(live(withSentinel(0, { usableReplicas: 1 })), 'sentinel-replicas')).toMatchObject({
      severity: 'warning',
      path: 'SENTINEL REPLICAS',
      observed: '1 of 2 replicas usable',
      fix: 'bring them back; a replica removed for good is forgotten with SENTINEL RESET mymaster',
    });
  });

  it('sentinel-quorum: a quorum below the majority warns', () => {
    expect(live(withSentinel(0, { quorum: 1 }))).toMatchObject([
      { rule: 'sentinel-quorum', observed: 'quorum 1 of 3 sentinels', fix: 'SENTINEL SET mymaster quorum 2', specKey: 'sentinel.quorum' },
    ]);
  });

  it('down-after: too low or too high warns, with the master name in the fix', () => {
    expect(live(withSentinel(0, {}, '500'))).toEqual([
      liveFinding(
        'warning',
        'down-after',
        'down-after-milliseconds',
        [nameOf(26380)],
        '500 ms',
        [
          'a master busy for 500 ms (fork, slow disk, a burst of large jobs) is failed over: failovers flap and workers reconnect for nothing',
          'SENTINEL SET mymaster down-after-milliseconds 5000 on every sentinel (at least 1000)',
        ],
        'sentinel.downAfterMs',
      ),
    ]);
    expect(only(live(withSentinel(0, {}, '30000')), 'down-after').message).toContain('noticed only after 30 s');
  });

  it('sentinel-count: counts the sentinels the reachable ones know of; one is an error, two or four a warning', () => {
    const count = (n: number) =>
      sentinels([26380, 26381, 26382, 26383].slice(0, n)).map((s) => ({ ...s, status: { ...s.status, otherSentinels: n - 1, quorum: Math.floor(n / 2) + 1 } }));
    expect(live(sentinelState(sentinelNodes(), count(1)))).toMatchObject([
      { rule: 'sentinel-count', severity: 'error', observed: '1 sentinel', specKey: 'sentinel.sentinels' },
    ]);
    expect(live(sentinelState(sentinelNodes(), count(2)))).toMatchObject([{ rule: 'sentinel-count', severity: 'warning', observed: '2 sentinels' }]);
    expect(live(sentinelState(sentinelNodes(), count(4)))).toMatchObject([
      {
        rule: 'sentinel-count',
        observed: '4 sentinels',
        message: 'an even count tolerates no more failures than 3, with one more process to run',
        fix: 'run 3 or 5 sentinels',
      },
    ]);
    // Two sentinels listed, but the one that answers knows two peers: three in all.
    const hidden = [sentinel(26380), sentinel(26381, { reachable: false, error: 'connect ECONNREFUSED' })];
    expect(rules(live(sentinelState(sentinelNodes(), hidden)))).toEqual(['sentinel-unreachable']);
  });

  it('says nothing about the sentinel count when no sentinel answers', () => {
    const none = sentinels().map((s) => sentinel(s.address.port, { reachable: false, error: 'connect ECONNREFUSED' }));
    expect(rules(live(sentinelState(sentinelNodes(), none)))).toEqual(['sentinel-unreachable']);
  });
});

describe('live cluster rules', () => {
  it('cluster-state: nodes that report fail are one error naming them', () => {
    const nodes = clusterNodes();
    for (const i of [0, 3]) nodes[i] = { ...nodes[i]!, cluster: { ...CLUSTER_INFO, state: 'fail' } };
    expect(only(live(clusterState(nodes)), 'cluster-state')).toMatchObject({ severity: 'error', nodes: [nameOf(7000), nameOf(7003)], observed: 'fail' });
  });

  it('cluster-slots: unassigned slots are listed (five ranges at most); else slots not ok are reported from CLUSTER INFO', () => {
    const nodes = clusterNodes();
    nodes[2] = clusterMaster(
      7002,
      [
        [10923, 11000],
        [11002, 11002],
        [11004, 11004],
        [11006, 11006],
        [11008, 11008],
        [11010, 11010],
        [11012, 11012],
      ],
      [7005],
    );
    expect(only(live(clusterState(nodes)), 'cluster-slots')).toMatchObject({
      severity: 'error',
      path: 'CLUSTER NODES slots',
      observed: '5377 of 16384 slots not assigned: 11001,11003,11005,11007,11009, ...',
    });
    expect(only(live(clusterState(clusterNodes(), { ...CLUSTER_INFO, slotsOk: 10923, slotsPfail: 5461 })), 'cluster-slots')).toMatchObject({
      path: 'CLUSTER INFO cluster_slots_ok',
      observed: '10923 of 16384 ok (pfail 5461, fail 0)',
    });
  });

  it('cluster-masters: fewer than three masters serving slots is an error', () => {
    const nodes = [
      clusterMaster(7000, [[0, 8191]], [7003]),
      clusterMaster(7001, [[8192, 16383]], [7004]),
      clusterReplica(7003, 7000),
      clusterReplica(7004, 7001),
    ];
    expect(only(live(clusterState(nodes)), 'cluster-masters')).toMatchObject({ observed: '2 masters serve slots', specKey: 'cluster.masters' });
  });

  it('cluster-replicas: a master without a working replica warns, naming its slots', () => {
    const nodes = clusterNodes();
    nodes[0] = clusterMaster(7000, [[0, 5460]], []);
    nodes[4]!.replication = { ...nodes[4]!.replication!, linkStatus: 'down', lastIoSecondsAgo: -1 };
    const found = live(clusterState(nodes.filter((n) => n.address.port !== 7003)));
    const replicas = found.filter((f) => f.rule === 'cluster-replicas');
    expect(replicas).toMatchObject([
      {
        nodes: [nameOf(7000)],
        observed: 'no replica',
        message: 'if it fails, its slots (0-5460) and every queue hashed there go offline: there is nothing to promote',
      },
      { nodes: [nameOf(7001)], observed: '1 replica, none in sync' },
    ]);
  });

  it('cluster-hash-tags: an un-tagged queue whose keys span slots is an error; a tagged one is fine', () => {
    const untagged = ['bull:q:meta', 'bull:q:id', 'bull:q:wait', 'bull:q:1'];
    const tagged = ['{bull}:t:meta', '{bull}:t:wait'];
    const { findings, queues } = checkLive(clusterState(clusterNodes([untagged.slice(0, 2), untagged.slice(2), tagged])), { project: true });
    expect(queues.map((q) => [q.prefix, q.name, q.tagged, q.keys])).toEqual([
      ['{bull}', 't', true, 2],
      ['bull', 'q', false, 4],
    ]);
    const f = only(findings, 'cluster-hash-tags');
    expect(f).toMatchObject({ severity: 'error', path: "queue 'q' (prefix 'bull')", nodes: [nameOf(7000), nameOf(7001)] });
    expect(f.observed).toMatch(/^4 keys in 4 slots on 2 masters, e\.g\. bull:q:meta \(slot 2749\), /);
    expect(f.fix).toBe("create the queue with { prefix: '{bull}' } (or a hash-tagged name such as '{q}'), then drain or delete the old 'bull:q:*' keys");
  });

  it('cluster-shared-tag: queues that all share one tag are named with the one master and slot they load; per-queue tags are fine', () => {
    const masterOf = (slot: number) => SLOTS.findIndex((ranges) => ranges.some(([a, b]) => slot >= a && slot <= b));
    const at = (keys: string[]) => {
      const byMaster: string[][] = [[], [], []];
      for (const k of keys) byMaster[masterOf(keySlot(k))]!.push(k);
      return checkLive(clusterState(clusterNodes(byMaster)), { project: true }).findings;
    };
    const shared = ['{bull}:orders:meta', '{bull}:orders:wait', '{bull}:emails:meta', '{bull}:emails:id', '{bull}:emails:1'];
    const slot = keySlot('{bull}:x');
    const owner = nameOf(7000 + masterOf(slot));
    const f = only(at(shared), 'cluster-shared-tag');
    expect(f).toMatchObject({ severity: 'warning', path: "prefix '{bull}'", nodes: [owner] });
    expect(f.observed).toBe(`2 queues (emails, orders) all in slot ${slot} on ${owner}: 5 of 5 queue keys on 1 of 3 masters`);
    expect(f.message).toBe(
      `every queue shares one hash tag, so all queue traffic lands on one master (${owner}, slot ${slot}) while 2 others carry none of it`,
    );
    expect(f.fix).toContain("prefix '{bull:<queue>}'");
    expect(f.fix).toContain('redis-arc compare cluster --queues 2');

    const perQueue = ['{bull:orders}:orders:meta', '{bull:emails}:emails:meta'];
    expect(keySlot(perQueue[0]!)).not.toBe(keySlot(perQueue[1]!));
    expect(rules(at(perQueue))).not.toContain('cluster-shared-tag');
    // With each master's script calls read (INFO commandstats), the finding cites the owner's share of them.
    const withCalls = (keys: string[], calls: number[]) => {
      const byMaster: string[][] = [[], [], []];
      for (const k of keys) byMaster[masterOf(keySlot(k))]!.push(k);
      const nodes = clusterNodes(byMaster).map((n, i) => (i < 3 ? { ...n, scriptCalls: calls[i]! } : n));
      return checkLive(clusterState(nodes), { project: true }).findings;
    };
    const calls = [10, 10, 10];
    calls[masterOf(slot)] = 980;
    expect(only(withCalls(shared, calls), 'cluster-shared-tag').observed).toBe(
      `2 queues (emails, orders) all in slot ${slot} on ${owner}: 5 of 5 queue keys on 1 of 3 masters; 980 of 1000 script calls (98%) since the masters started`,
    );
    // One queue is always on one master: nothing to spread.
    expect(rules(at(shared.slice(0, 2)))).not.toContain('cluster-shared-tag');
  });

  it('key-scan: a capped scan is an info saying how far it got', () => {
    const nodes = clusterNodes();
    nodes[1] = { ...nodes[1]!, scan: { keys: ['a', 'b'], dbsize: 50_000, capped: true } };
    expect(only(live(clusterState(nodes)), 'key-scan')).toMatchObject({ severity: 'info', nodes: [nameOf(7001)], observed: 'stopped after 2 of 50000 keys' });
  });
});

describe('checkLive', () => {
  it('sorts errors before warnings before infos, keeping first-seen order within each', () => {
    const nodes = sentinelNodes();
    nodes[0] = withConfig(nodes[0]!, { 'min-replicas-to-write': '0', appendonly: 'no' });
    nodes[2] = withConfig(nodes[2]!, { 'maxmemory-policy': 'volatile-lru', maxmemory: '0' });
    expect(live(sentinelState(nodes)).map((f) => `${f.severity} ${f.rule}`)).toEqual([
      'error maxmemory-policy',
      'warning appendonly',
      'warning maxmemory',
      'warning config-drift',
      'info min-replicas-to-write',
    ]);
  });
});
