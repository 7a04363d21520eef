import { Command } from 'commander';
import { KINDS } from '../../specfile/defaults.js';
import { INIT_FLAGS } from '../flags/init.js';
import { addFlags } from '../flags/option.js';
import { examples } from '../options.js';

export const initCommand = addFlags(
  new Command('init')
    .description('write redis-arc.yaml for a topology and render its compose file and configs')
    .addArgument(new Command().createArgument('<kind>', 'standalone | sentinel | cluster').choices(KINDS)),
  INIT_FLAGS,
)
  .addHelpText(
    'after',
    examples([
      ['redis-arc init sentinel', '1 master + 2 replicas + 3 sentinels in this folder'],
      ['redis-arc init sentinel --down-after-ms 1000', 'fast failover detection, for failover tests'],
      ['redis-arc init sentinel --down-after-ms 1000 --addresses per-node', 'also network faults (partition, isolate, hang-clients)'],
      ['redis-arc init cluster --masters 3 --replicas-per-master 1 --dir ./cluster', '3x1 cluster in ./cluster'],
      ['redis-arc init standalone --no-auth', 'one node, no password'],
      ['redis-arc init sentinel --acl --tls', 'BullMQ connects as an ACL user, over TLS only'],
    ]),
  )
  .action(async (kind: (typeof KINDS)[number], opts: Record<string, unknown>) => {
    const { runInit } = await import('../actions/init.js');
    await runInit(kind, opts);
  });
