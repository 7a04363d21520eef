import { Command, Option } from 'commander';
import { RUNTIME_CHOICES } from '../../runtime/choices.js';
import { examples, jsonOption, specOption } from '../options.js';

export const downCommand = new Command('down')
  .description('stop every node of the topology (TERM, then KILL after a grace period); --purge deletes its data')
  .addOption(specOption())
  .addOption(new Option('--runtime <runtime>', 'where nodes run').choices(RUNTIME_CHOICES).default('auto'))
  .option('--purge', 'also delete node folders, data and logs')
  .addOption(jsonOption())
  .addHelpText(
    'after',
    examples([
      ['redis-arc down', 'stop everything; keep data for the next `up`'],
      ['redis-arc down --purge', 'stop everything and delete the data (needed after editing the spec)'],
    ]),
  )
  .action(async (opts: Record<string, unknown>) => {
    const { runDown } = await import('../actions/down.js');
    await runDown(opts);
  });
