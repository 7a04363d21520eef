import { Command } from 'commander';
import { DEFAULT_LOG_LINES } from '../../runtime/defaults.js';
import { LOGS_FLAGS } from '../flags/logs.js';
import { addFlags } from '../flags/option.js';
import { examples } from '../options.js';

export const logsCommand = addFlags(
  new Command('logs')
    .description("print a node's log (all nodes when none is named); -f follows")
    .argument('[node]', 'node id, e.g. redis-1, sentinel-2, node-4'),
  LOGS_FLAGS,
)
  .addHelpText(
    'after',
    examples([
      ['redis-arc logs', `the last ${DEFAULT_LOG_LINES} lines of every node`],
      ['redis-arc logs sentinel-1 -f', 'follow one sentinel (+sdown, +switch-master, ...)'],
    ]),
  )
  .action(async (node: string | undefined, opts: Record<string, unknown>) => {
    const { runLogs } = await import('../actions/logs.js');
    await runLogs(node, opts);
  });
