import {
  ADDRESS_MODES,
  ANNOUNCE_MODES,
  DEFAULT_ACL,
  DEFAULT_ADDRESSES,
  DEFAULT_CLUSTER,
  DEFAULT_PORT_BASE,
  DEFAULT_SENTINEL,
  DEFAULT_TLS,
  NETWORK_MODES,
} from '../../specfile/defaults.js';
import { choice, int, text, toggle } from './define.js';
import { forceFlag, JSON_OUT, SERVER, TEMPLATES } from './shared.js';

// No defaults here: initProject applies src/specfile/defaults.ts, which the help texts quote.
export const INIT_FLAGS = {
  dir: text({ flags: '--dir <dir>', help: 'folder to write into', default: '.' }),
  name: text({ flags: '--name <name>', help: 'topology name (compose project name)' }),
  replicas: int({ flags: '--replicas <n>', help: `sentinel: replicas of the master (default ${DEFAULT_SENTINEL.replicas})`, min: 0, max: 20 }),
  sentinels: int({ flags: '--sentinels <k>', help: `sentinel: sentinel processes (default ${DEFAULT_SENTINEL.sentinels})`, min: 1, max: 15 }),
  quorum: int({ flags: '--quorum <q>', help: 'sentinel: sentinels that must agree the master is down (default: a majority)', min: 1, max: 15 }),
  downAfterMs: int({
    flags: '--down-after-ms',
    unit: 'ms',
    aliases: ['--down-after'],
    help: `sentinel: down-after-milliseconds (default ${DEFAULT_SENTINEL.downAfterMs})`,
    min: 1,
    max: 3_600_000,
  }),
  masters: int({ flags: '--masters <m>', help: `cluster: masters (default ${DEFAULT_CLUSTER.masters})`, min: 1, max: 100 }),
  replicasPerMaster: int({
    flags: '--replicas-per-master <r>',
    help: `cluster: replicas per master (default ${DEFAULT_CLUSTER.replicasPerMaster})`,
    min: 0,
    max: 10,
  }),
  nodeTimeoutMs: int({
    flags: '--node-timeout-ms',
    unit: 'ms',
    aliases: ['--node-timeout'],
    help: `cluster: cluster-node-timeout (default ${DEFAULT_CLUSTER.nodeTimeoutMs})`,
    min: 1,
    max: 3_600_000,
  }),
  portBase: int({
    flags: '--port-base <port>',
    help: `first data port (default ${DEFAULT_PORT_BASE.sentinel}; cluster ${DEFAULT_PORT_BASE.cluster})`,
    min: 1024,
    max: 65535,
  }),
  sentinelPortBase: int({ flags: '--sentinel-port-base <port>', help: 'first sentinel port', min: 1024, max: 65535 }),
  network: choice({ flags: '--network <mode>', help: 'docker networking', choices: NETWORK_MODES }),
  announce: choice({ flags: '--announce <mode>', help: 'what nodes announce: addresses, or stable names (as on Kubernetes)', choices: ANNOUNCE_MODES }),
  addresses: choice({
    flags: '--addresses <mode>',
    help: `local runtime: per-node gives each node its own loopback address (network faults need it; default ${DEFAULT_ADDRESSES})`,
    choices: ADDRESS_MODES,
  }),
  image: text({ flags: '--image <image>', help: 'image for the docker runtime' }),
  ...SERVER,
  auth: toggle({ flags: '--no-auth', help: 'no password (not for anything reachable by others)' }),
  acl: toggle({
    flags: '--acl',
    help: `an ACL user '${DEFAULT_ACL.user}' for BullMQ with only the commands and keys it needs (own 0600 password file)`,
    unset: 'undefined',
  }),
  tls: toggle({ flags: '--tls', help: `TLS only: generate a CA and certificates into ${DEFAULT_TLS.dir} (needs openssl)`, unset: 'undefined' }),
  ...TEMPLATES,
  ...forceFlag('replace existing files'),
  ...JSON_OUT,
};
