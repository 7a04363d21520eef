import { Command } from 'commander';
import { SERVERS_ADD_FLAGS, SERVERS_LIST_FLAGS, SERVERS_REMOVE_FLAGS } from '../flags/servers.js';
import { addFlags } from '../flags/option.js';
import { examples } from '../options.js';

const list = addFlags(new Command('list').description('the servers redis-arc can run: on PATH and in the cache, with their versions'), SERVERS_LIST_FLAGS)
  .addHelpText(
    'after',
    examples([
      ['redis-arc servers list', 'which of redis-7.0, redis-8.0, valkey-8.1 run here'],
      ['redis-arc servers list --json', 'the same as JSON'],
    ]),
  )
  .action(async (opts: Record<string, unknown>) => {
    const { runServersList } = await import('../actions/servers.js');
    await runServersList(opts);
  })
  .exitOverride();

const add = addFlags(
  new Command('add')
    .description(
      "fetch a Debian 13 server (redis-8.0, valkey-8.1) into the per-user cache through this machine's own apt mirror; no root, nothing installed (exit 4 when apt cannot reach the suite)",
    )
    .argument('<name>', 'redis-8.0 or valkey-8.1'),
  SERVERS_ADD_FLAGS,
)
  .addHelpText(
    'after',
    examples([
      ['redis-arc servers add valkey-8.1', 'Valkey 8.1 into ~/.cache/redis-arc/servers/valkey-8.1'],
      ['redis-arc up --server valkey-8.1', 'then boot the spec on it'],
      ['redis-arc up --server /opt/valkey/bin/valkey-server', 'or any server binary of your own, by path'],
    ]),
  )
  .action(async (name: string, opts: Record<string, unknown>) => {
    const { runServersAdd } = await import('../actions/servers.js');
    await runServersAdd(name, opts);
  })
  .exitOverride();

const remove = addFlags(
  new Command('remove').description('delete a fetched server from the cache (only ever inside the cache)').argument('<name>', 'redis-8.0 or valkey-8.1'),
  SERVERS_REMOVE_FLAGS,
)
  .addHelpText('after', examples([['redis-arc servers remove valkey-8.1', 'delete ~/.cache/redis-arc/servers/valkey-8.1']]))
  .action(async (name: string, opts: Record<string, unknown>) => {
    const { runServersRemove } = await import('../actions/servers.js');
    await runServersRemove(name, opts);
  })
  .exitOverride();

export const serversCommand = new Command('servers')
  .description('the Redis / Valkey servers nodes run: redis-7.0 (PATH), redis-8.0 and valkey-8.1 (fetched), or a binary of yours')
  .addCommand(list)
  .addCommand(add)
  .addCommand(remove)
  .addHelpText(
    'after',
    examples([
      ['redis-arc servers list', 'what runs here'],
      ['redis-arc servers add valkey-8.1', 'fetch Valkey 8.1 (Debian 13) into the cache'],
      ['redis-arc up --server valkey-8.1', 'boot on it; or `server: valkey-8.1` in redis-arc.yaml'],
      ['redis-arc servers remove valkey-8.1', 'delete it from the cache'],
    ]),
  );
