import { Command } from 'commander';
import { addAttachOptions } from '../attach-options.js';
import { EXIT } from '../../errors/exit-codes.js';
import { DEFAULT_MAX_LAG_SECONDS } from '../../probe/health-defaults.js';
import { examples, int, jsonOption, runtimeOption, specOption } from '../options.js';

export const statusCommand = addAttachOptions(
  new Command('status')
    .description(`roles, replication, sentinel and cluster views; exit ${EXIT.ok} healthy, ${EXIT.failed} degraded, ${EXIT.unreachable} down`)
    .addOption(specOption())
    .addOption(runtimeOption('where nodes run, for the process states shown under the health (auto: the one `up` used)'))
    .addOption(jsonOption())
    .option('--watch [seconds]', 'refresh until Ctrl-C (default every 1 s)')
    .option('--max-lag <seconds>', 'a replica further behind is a problem', int(0, 3600), DEFAULT_MAX_LAG_SECONDS),
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
