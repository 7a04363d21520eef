import { DEFAULT_CLUSTER_PREFIX, DEFAULT_PREFIX } from '../../connect/queue-prefix.js';
import { MODES } from '../../events/producer.js';
import { RUNTIME_CHOICES } from '../../runtime/choices.js';
import { DEFAULT_SENTINEL, DEFAULT_SPEC_FILE } from '../../specfile/defaults.js';
import { WORKLOADS } from '../../scenarios/workloads/names.js';
import { choice, int, text, toggle } from './define.js';

// Flags several commands declare, each written once. A command's table spreads the ones it has;
// where only the help differs per command, the declaration takes it as an argument.

export const SPEC = { spec: text({ flags: '--spec <file>', help: 'the topology spec', default: DEFAULT_SPEC_FILE }) };
export const JSON_OUT = { json: toggle({ flags: '--json', help: 'print the result as JSON on stdout' }) };
export const runtimeFlag = (help = 'where nodes run') => ({
  runtime: choice({ flags: '--runtime <runtime>', help, choices: RUNTIME_CHOICES, default: 'auto' }),
});
export const PREFIX = {
  prefix: text({ flags: '--prefix <prefix>', help: `queue key prefix (default '${DEFAULT_PREFIX}'; '${DEFAULT_CLUSTER_PREFIX}' on a cluster)` }),
};
/** The server the local runtime runs (docs/servers.md); `up`'s overrides the spec's. */
export const SERVER = {
  server: text({
    flags: '--server <name|path>',
    help: "local runtime: redis-7.0 (redis-server on PATH), redis-8.0 or valkey-8.1 (`redis-arc servers add`), or a server binary's path",
  }),
};
export const TEMPLATES = { templates: text({ flags: '--templates <dir>', help: 'render from your own copy of the templates' }) };
export const forceFlag = (help: string) => ({ force: toggle({ flags: '--force', help }) });

/** The event-layer modes a producer runs in (src/events), and `all` of them for the commands that run each in turn. */
export const MODES_AND_ALL = [...MODES, 'all'] as const;
export const modeFlag = <const C extends readonly string[]>(help: string, choices: C, mode: C[number]) => ({
  mode: choice({ flags: '--mode <mode>', help, choices, default: mode }),
});

/** `--client` and `--app-dir`: whose connection settings a command measures or checks (docs/clients.md). */
export const clientFlags = (client: string, appDir = 'with --client: load bullmq and ioredis from this project') => ({
  client: text({ flags: '--client <profiles>', help: client }),
  appDir: text({ flags: '--app-dir <dir>', help: appDir }),
});
/** `--workload` and what a workload takes (failover-test, smoke). */
export const workloadFlags = (about: string) => ({
  workload: text({
    flags: '--workload <list>',
    help: `${about}: ${WORKLOADS.join(', ')} or your module (./my-workload.mjs); comma-separated, jobs always runs (docs/workloads.md)`,
  }),
  longMs: int({ flags: '--long-ms', help: 'how long each job of the long workload runs', unit: 'ms', min: 1, max: 600_000, default: 2000 }),
});

/** The refusal of `--app-dir` alone, for the schemas of the commands with clientFlags. */
export const APP_DIR_NEEDS_CLIENT = '--app-dir says where --client finds bullmq and ioredis: give --client too';

/** Flags that point a command at a topology redis-arc did not start (read by src/cli/attach.ts). */
export const ATTACH = {
  sentinel: text({ flags: '--sentinel <host:port,...>', help: 'attach: sentinels of a running topology', conflicts: ['cluster', 'url'] }),
  masterName: text({ flags: '--master-name <name>', help: 'attach: the master name the sentinels monitor', default: DEFAULT_SENTINEL.masterName }),
  cluster: text({ flags: '--cluster <host:port,...>', help: 'attach: seed nodes of a running cluster', conflicts: ['url'] }),
  url: text({ flags: '--url <redis://host:port>', help: 'attach: one standalone node' }),
  password: text({ flags: '--password <password>', help: 'attach: password (visible in ps; prefer --password-file or $REDIS_PASSWORD)' }),
  passwordFile: text({ flags: '--password-file <file>', help: 'attach: file holding the password' }),
  user: text({ flags: '--user <name>', help: "attach: the ACL user BullMQ connects as (smoke, failover-test, bench); probes keep the password's user" }),
  userPasswordFile: text({ flags: '--user-password-file <file>', help: "attach: file holding --user's password" }),
  tlsCa: text({ flags: '--tls-ca <file>', help: 'attach: TLS: CA certificate to verify the nodes with (turns TLS on)' }),
  tlsCert: text({ flags: '--tls-cert <file>', help: 'attach: TLS: client certificate, for nodes with tls-auth-clients yes' }),
  tlsKey: text({ flags: '--tls-key <file>', help: 'attach: TLS: key of the client certificate' }),
  map: text({
    flags: '--map <announced=reached,...>',
    help: 'attach: reach an address the nodes announce at another one, e.g. through kubectl port-forward: arc-redis-0.arc-redis:6380=127.0.0.1:16380',
  }),
};

export const isAttach = (opts: Readonly<Record<string, unknown>>): boolean => Boolean(opts.sentinel || opts.cluster || opts.url);
