import { Option, type Command } from 'commander';
import { DEFAULT_SENTINEL } from '../specfile/defaults.js';

// Command definitions import this file, so it imports nothing heavy (no ioredis): --help stays fast.

/** Flags that point a command at a topology redis-arc did not start. */
export function addAttachOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--sentinel <host:port,...>', 'attach: sentinels of a running topology').conflicts(['cluster', 'url']))
    .option('--master-name <name>', 'attach: the master name the sentinels monitor', DEFAULT_SENTINEL.masterName)
    .addOption(new Option('--cluster <host:port,...>', 'attach: seed nodes of a running cluster').conflicts(['url']))
    .option('--url <redis://host:port>', 'attach: one standalone node')
    .option('--password <password>', 'attach: password (visible in ps; prefer --password-file or $REDIS_PASSWORD)')
    .option('--password-file <file>', 'attach: file holding the password')
    .option('--user <name>', "attach: the ACL user BullMQ connects as (smoke, failover-test, bench); probes keep the password's user")
    .option('--user-password-file <file>', "attach: file holding --user's password")
    .option('--tls-ca <file>', 'attach: TLS: CA certificate to verify the nodes with (turns TLS on)')
    .option('--tls-cert <file>', 'attach: TLS: client certificate, for nodes with tls-auth-clients yes')
    .option('--tls-key <file>', 'attach: TLS: key of the client certificate')
    .option('--map <announced=reached,...>', 'attach: reach an address the nodes announce at another one, e.g. through kubectl port-forward: arc-redis-0.arc-redis:6380=127.0.0.1:16380');
}

export const isAttach = (opts: Record<string, unknown>): boolean => Boolean(opts.sentinel || opts.cluster || opts.url);
