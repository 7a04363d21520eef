import { Command } from 'commander';
import { DOWN_FLAGS } from '../flags/down.js';
import { addFlags } from '../flags/option.js';
import { examples } from '../options.js';

export const downCommand = addFlags(
  new Command('down').description('stop every node of the topology (TERM, then KILL after a grace period); --purge deletes its data'),
  DOWN_FLAGS,
)
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
