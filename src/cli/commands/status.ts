import { Command } from 'commander';
import { addAttachOptions } from '../attach-options.js';
import { examples, int, jsonOption, specOption } from '../options.js';

export const statusCommand = addAttachOptions(
  new Command('status')
    .description('roles, replication, sentinel and cluster views; exit 0 healthy, 1 degraded, 2 down')
    .addOption(specOption())
    .addOption(jsonOption())
    .option('--watch [seconds]', 'refresh until Ctrl-C (default every 1 s)')
    .option('--max-lag <seconds>', 'a replica further behind is a problem', int(0, 3600), 10),
).addHelpText(
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
