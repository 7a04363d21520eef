import { Command, Option } from 'commander';
import { ADDRESS_MODES, ANNOUNCE_MODES, DEFAULT_ACL, DEFAULT_ADDRESSES, DEFAULT_CLUSTER, DEFAULT_PORT_BASE, DEFAULT_TLS, DEFAULT_SENTINEL, KINDS, NETWORK_MODES } from '../../specfile/defaults.js';
import { examples, int, jsonOption } from '../options.js';

export const initCommand = new Command('init')
  .description('write redis-arc.yaml for a topology and render its compose file and configs')
  .addArgument(new Command().createArgument('<kind>', 'standalone | sentinel | cluster').choices(KINDS))
  .option('--dir <dir>', 'folder to write into', '.')
  .option('--name <name>', 'topology name (compose project name)')
  .option('--replicas <n>', `sentinel: replicas of the master (default ${DEFAULT_SENTINEL.replicas})`, int(0, 20))
  .option('--sentinels <k>', `sentinel: sentinel processes (default ${DEFAULT_SENTINEL.sentinels})`, int(1, 15))
  .option('--quorum <q>', 'sentinel: sentinels that must agree the master is down (default: a majority)', int(1, 15))
  .option('--down-after <ms>', `sentinel: down-after-milliseconds (default ${DEFAULT_SENTINEL.downAfterMs})`, int(1, 3_600_000))
  .option('--masters <m>', `cluster: masters (default ${DEFAULT_CLUSTER.masters})`, int(1, 100))
  .option('--replicas-per-master <r>', `cluster: replicas per master (default ${DEFAULT_CLUSTER.replicasPerMaster})`, int(0, 10))
  .option('--node-timeout <ms>', `cluster: cluster-node-timeout (default ${DEFAULT_CLUSTER.nodeTimeoutMs})`, int(1, 3_600_000))
  .option('--port-base <port>', `first data port (default ${DEFAULT_PORT_BASE.sentinel}; cluster ${DEFAULT_PORT_BASE.cluster})`, int(1024, 65535))
  .option('--sentinel-port-base <port>', 'first sentinel port', int(1024, 65535))
  .addOption(new Option('--network <mode>', 'docker networking').choices(NETWORK_MODES))
  .addOption(new Option('--announce <mode>', 'what nodes announce: addresses, or stable names (as on Kubernetes)').choices(ANNOUNCE_MODES))
  .addOption(new Option('--addresses <mode>', `local runtime: per-node gives each node its own loopback address (network faults need it; default ${DEFAULT_ADDRESSES})`).choices(ADDRESS_MODES))
  .option('--image <image>', 'image for the docker runtime')
  .option('--no-auth', 'no password (not for anything reachable by others)')
  .option('--acl', `an ACL user '${DEFAULT_ACL.user}' for BullMQ with only the commands and keys it needs (own 0600 password file)`)
  .option('--tls', `TLS only: generate a CA and certificates into ${DEFAULT_TLS.dir} (needs openssl)`)
  .option('--templates <dir>', 'render from your own copy of the templates')
  .option('--force', 'replace existing files')
  .addOption(jsonOption())
  .addHelpText(
    'after',
    examples([
      ['redis-arc init sentinel', '1 master + 2 replicas + 3 sentinels in this folder'],
      ['redis-arc init sentinel --down-after 1000', 'fast failover detection, for failover tests'],
      ['redis-arc init sentinel --down-after 1000 --addresses per-node', 'also network faults (partition, isolate, hang-clients)'],
      ['redis-arc init cluster --masters 3 --replicas-per-master 1 --dir ./cluster', '3x1 cluster in ./cluster'],
      ['redis-arc init standalone --no-auth', 'one node, no password'],
      ['redis-arc init sentinel --acl --tls', "BullMQ connects as an ACL user, over TLS only"],
    ]),
  )
  .action(async (kind: (typeof KINDS)[number], opts: Record<string, unknown>) => {
    const { runInit } = await import('../actions/init.js');
    await runInit(kind, opts);
  });
