import { Command } from 'commander';
import { EXIT } from '../../errors/exit-codes.js';
import { addFlags } from '../flags/option.js';
import { STATUS_FLAGS } from '../flags/status.js';
import { examples } from '../options.js';

export const statusCommand = addFlags(
  new Command('status').description(
    `roles, replication, sentinel and cluster views; exit ${EXIT.ok} healthy, ${EXIT.failed} degraded, ${EXIT.unreachable} down`,
  ),
  STATUS_FLAGS,
)
  .addHelpText(
    'after',
    examples([
      ['redis-arc status', 'the topology of ./redis-arc.yaml'],
      ['redis-arc status --json | jq .verdict', 'for scripts'],
      ['redis-arc status --sentinel 10.0.0.5:26379,10.0.0.6:26379 --master-name mymaster --password-file pw', 'a topology redis-arc did not start'],
      ['redis-arc status --cluster 127.0.0.1:7000 --watch', 'watch a cluster'],
    ]),
  )
  .action(async (opts: Record<string, unknown>) => {
    const { runStatus } = await import('../actions/status.js');
    process.exitCode = await runStatus(opts);
  });
