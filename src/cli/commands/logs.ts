import { Command } from 'commander';
import { DEFAULT_LOG_LINES } from '../../runtime/defaults.js';
import { examples, int, runtimeOption, specOption } from '../options.js';

export const logsCommand = new Command('logs')
  .description("print a node's log (all nodes when none is named); -f follows")
  .argument('[node]', 'node id, e.g. redis-1, sentinel-2, node-4')
  .addOption(specOption())
  .addOption(runtimeOption('where nodes run (auto: the one `up` used)'))
  .option('-n, --lines <n>', 'lines from the end of each log', int(0, 100_000), DEFAULT_LOG_LINES)
  .option('-f, --follow', 'keep printing new lines until Ctrl-C')
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
