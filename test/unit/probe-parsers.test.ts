/** INFO and CLUSTER NODES parsers on text captured from Redis 7.0.15. */
import { describe, expect, it } from 'vitest';
import { parseClusterNodes, formatSlotRanges, slotMapSignature } from '../../src/probe/cluster-nodes.js';
import { clusterInfoFrom } from '../../src/probe/cluster.js';
import { parseEndpoints } from '../../src/redis/endpoint.js';
import { parseInfo } from '../../src/probe/info.js';
import { replicaLag, replicationFromInfo } from '../../src/probe/replication.js';

// A cluster master's `INFO replication`, with the Clients and Memory lines of another capture appended.
const MASTER_INFO =
  '# Replication\r\nrole:master\r\nconnected_slaves:1\r\nslave0:ip=127.0.0.1,port=30265,state=online,offset=50,lag=1\r\nmaster_failover_state:no-failover\r\nmaster_replid:023692ff285e127ba2b6091b1a34ffc9f7d0c30a\r\nmaster_replid2:0000000000000000000000000000000000000000\r\nmaster_repl_offset:50\r\nsecond_repl_offset:-1\r\nrepl_backlog_active:1\r\nrepl_backlog_size:1048576\r\nrepl_backlog_first_byte_offset:1\r\nrepl_backlog_histlen:50\r\n\r\n# Clients\r\nconnected_clients:7\r\n\r\n# Memory\r\nused_memory:1295056\r\nused_memory_human:1.24M\r\n';

// Its replica's `INFO replication`; slave_repl_offset edited from 50 to 42 to give a lag.
const REPLICA_INFO =
  '# Replication\r\nrole:slave\r\nmaster_host:127.0.0.1\r\nmaster_port:30262\r\nmaster_link_status:up\r\nmaster_last_io_seconds_ago:1\r\nmaster_sync_in_progress:0\r\nslave_read_repl_offset:50\r\nslave_repl_offset:42\r\nslave_priority:100\r\nslave_read_only:1\r\nreplica_announced:1\r\nconnected_slaves:0\r\nmaster_failover_state:no-failover\r\nmaster_replid:023692ff285e127ba2b6091b1a34ffc9f7d0c30a\r\nmaster_replid2:0000000000000000000000000000000000000000\r\nmaster_repl_offset:50\r\nsecond_repl_offset:-1\r\n';

// A formed 3x1 cluster: slot 16383 moved to the first master (a single-slot field), 30264 SIGSTOPped
// (flagged fail), 30261 with cluster-announce-hostname.
const CLUSTER_NODES = `687ed416da1453cd4f3b9332aba6bafd9fb0f3e9 127.0.0.1:30264@30284 slave,fail fb5f0c5e6c00d317e60ba38b5785cbab96222051 1795784760600 1795784760097 2 connected
faa7095d160bdb252142cf7c9c3f45b7a9555249 127.0.0.1:30262@30282 master - 0 1795784761104 3 connected 10923-16382
66debf917961b7faa07ef02064b0cc8666376347 127.0.0.1:30260@30280 myself,master - 0 1795784761000 1 connected 0-5460 16383
29313b508219a8fca3d4f2ca7f93ec9681acc5ff 127.0.0.1:30263@30283 slave 66debf917961b7faa07ef02064b0cc8666376347 0 1795784761104 1 connected
04cae16d5e4c5b1d34de84e18cbc0a830e3a9870 127.0.0.1:30265@30285 slave faa7095d160bdb252142cf7c9c3f45b7a9555249 0 1795784761205 3 connected
fb5f0c5e6c00d317e60ba38b5785cbab96222051 127.0.0.1:30261@30281,node-2.example master - 0 1795784761306 2 connected 5461-10922
`;

// Slot 100 being migrated (CLUSTER SETSLOT ... MIGRATING / IMPORTING), seen from both ends, and a
// failed master after its replica took over.
const MIGRATING_LINE =
  'f0cfd40a8e8922b89641578e8c16b8fb1b47603e 127.0.0.1:30250@40250 myself,master - 0 1795784647000 1 connected 0-5460 [100->-936b9bb5ced51899ba7d51a13a54e6e73cc8a96f]';
const IMPORTING_LINE =
  '936b9bb5ced51899ba7d51a13a54e6e73cc8a96f 127.0.0.1:30251@40251 myself,master - 0 1795784646000 2 connected 5461-10922 [100-<-f0cfd40a8e8922b89641578e8c16b8fb1b47603e]';
const FAILED_MASTER_LINE = 'f0cfd40a8e8922b89641578e8c16b8fb1b47603e 127.0.0.1:30250@40250 master,fail - 1795784647515 1795784647011 1 disconnected';

describe('parseInfo', () => {
  it('reads key:value lines and skips section headers and blank lines', () => {
    const info = parseInfo(MASTER_INFO);
    expect(info.role).toBe('master');
    expect(info.master_repl_offset).toBe('50');
    expect(info.slave0).toBe('ip=127.0.0.1,port=30265,state=online,offset=50,lag=1');
    expect(Object.keys(info).some((k) => k.startsWith('#') || k === '')).toBe(false);
  });

  it('reads CLUSTER INFO with the same parser', () => {
    const info = clusterInfoFrom(
      parseInfo(
        'cluster_state:ok\r\ncluster_slots_assigned:16384\r\ncluster_slots_ok:16384\r\ncluster_slots_pfail:0\r\ncluster_slots_fail:0\r\ncluster_known_nodes:6\r\ncluster_size:3\r\ncluster_current_epoch:6\r\ncluster_my_epoch:2\r\n',
      ),
    );
    expect(info).toEqual({ state: 'ok', slotsAssigned: 16384, slotsOk: 16384, slotsPfail: 0, slotsFail: 0, knownNodes: 6, size: 3, currentEpoch: 6 });
  });
});

describe('replicationFromInfo', () => {
  it('reads a master with its connected replicas, clients and memory', () => {
    const master = replicationFromInfo(parseInfo(MASTER_INFO));
    expect(master).toMatchObject({ role: 'master', offset: 50, connectedClients: 7, usedMemory: 1295056, usedMemoryHuman: '1.24M' });
    expect(master.replicas).toEqual([{ address: { host: '127.0.0.1', port: 30265 }, state: 'online', offset: 50, lagSeconds: 1 }]);
  });

  it('reads a replica and its lag behind the master', () => {
    const master = replicationFromInfo(parseInfo(MASTER_INFO));
    const replica = replicationFromInfo(parseInfo(REPLICA_INFO));
    expect(replica).toMatchObject({ role: 'replica', master: { host: '127.0.0.1', port: 30262 }, linkStatus: 'up', offset: 42, lastIoSecondsAgo: 1 });
    expect(replicaLag(master, master.replicas[0], replica)).toEqual({ bytes: 8, seconds: 1 });
    expect(replicaLag(master, undefined, replica)).toEqual({ bytes: 8, seconds: 1 });
  });
});

describe('parseClusterNodes', () => {
  const nodes = parseClusterNodes(CLUSTER_NODES);
  const byPort = (port: number) => nodes.find((n) => n.address.port === port)!;

  it('reads ids, addresses, bus ports, roles and masters', () => {
    expect(nodes).toHaveLength(6);
    expect(byPort(30260)).toMatchObject({
      id: '66debf917961b7faa07ef02064b0cc8666376347',
      address: { host: '127.0.0.1', port: 30260 },
      busPort: 30280,
      myself: true,
      role: 'master',
      linkState: 'connected',
      configEpoch: 1,
    });
    expect(byPort(30263)).toMatchObject({ role: 'replica', masterId: '66debf917961b7faa07ef02064b0cc8666376347', myself: false });
    expect(byPort(30261)).toMatchObject({ hostname: 'node-2.example', address: { host: '127.0.0.1', port: 30261 }, busPort: 30281 });
  });

  it('reads slot ranges, single slots and fail flags', () => {
    expect(byPort(30260).slots).toEqual([
      [0, 5460],
      [16383, 16383],
    ]);
    expect(formatSlotRanges(byPort(30260).slots)).toBe('0-5460,16383');
    expect(byPort(30262).slots).toEqual([[10923, 16382]]);
    expect(byPort(30264)).toMatchObject({ role: 'replica', fail: true, pfail: false, slots: [] });
  });

  it('reads migrating and importing markers apart from the owned ranges', () => {
    const [migrating, importing] = parseClusterNodes(`${MIGRATING_LINE}\n${IMPORTING_LINE}`);
    expect(migrating?.slots).toEqual([[0, 5460]]);
    expect(migrating?.migrations).toEqual([{ slot: 100, direction: 'migrating', peerId: '936b9bb5ced51899ba7d51a13a54e6e73cc8a96f' }]);
    expect(importing?.migrations).toEqual([{ slot: 100, direction: 'importing', peerId: 'f0cfd40a8e8922b89641578e8c16b8fb1b47603e' }]);
  });

  it('reads a failed, disconnected master and a pfail flag', () => {
    const [failed] = parseClusterNodes(FAILED_MASTER_LINE);
    expect(failed).toMatchObject({ role: 'master', fail: true, linkState: 'disconnected', slots: [] });
    const [pfail] = parseClusterNodes(FAILED_MASTER_LINE.replace('master,fail', 'master,fail?'));
    expect(pfail).toMatchObject({ fail: false, pfail: true });
  });

  it('gives the same slot-map signature whatever the line order', () => {
    const reversed = parseClusterNodes(CLUSTER_NODES.trim().split('\n').reverse().join('\n'));
    expect(slotMapSignature(reversed)).toBe(slotMapSignature(nodes));
    expect(slotMapSignature(nodes).split(' ')[0]).toBe('0-5460=66debf917961b7faa07ef02064b0cc8666376347');
  });
});

describe('parseEndpoints', () => {
  it('reads host:port lists, IPv6 in brackets', () => {
    expect(parseEndpoints('127.0.0.1:26379, redis-2:26380,[::1]:6379')).toEqual([
      { host: '127.0.0.1', port: 26379 },
      { host: 'redis-2', port: 26380 },
      { host: '::1', port: 6379 },
    ]);
  });

  it.each(['', 'localhost', 'localhost:0', 'localhost:70000', 'a:1,b'])('rejects %j with a one-line message', (bad) => {
    expect(() => parseEndpoints(bad)).toThrow(/^bad address/);
    expect(() => parseEndpoints(bad)).not.toThrow(/\n/);
  });
});
