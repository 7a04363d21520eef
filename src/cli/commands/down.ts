import { Command } from 'commander';
import { examples, jsonOption, runtimeOption, specOption } from '../options.js';

export const downCommand = new Command('down')
  .description('stop every node of the topology (TERM, then KILL after a grace period); --purge deletes its data')
  .addOption(specOption())
  .addOption(runtimeOption())
  .option('--purge', 'also delete node folders, data and logs (docker: volumes; the default there)')
  .option('--keep-volumes', 'docker: keep the containers\' volumes (their data) for the next `up`')
  .addOption(jsonOption())
  .addHelpText(
    'after',
    examples([
      ['redis-arc down', 'stop everything (local: keep data for the next `up`; docker: remove volumes too)'],
      ['redis-arc down --purge', 'stop everything and delete the data (needed after editing the spec)'],
      ['redis-arc down --keep-volumes', 'docker: remove containers and network, keep the volumes'],
    ]),
  )
  .action(async (opts: Record<string, unknown>) => {
    const { runDown } = await import('../actions/down.js');
    await runDown(opts);
  });
