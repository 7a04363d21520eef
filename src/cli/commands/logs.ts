import { Command, Option } from 'commander';
import { RUNTIME_CHOICES } from '../../runtime/choices.js';
import { examples, int, specOption } from '../options.js';

export const logsCommand = new Command('logs')
  .description("print a node's log (all nodes when none is named); -f follows")
  .argument('[node]', 'node id, e.g. redis-1, sentinel-2, node-4')
  .addOption(specOption())
  .addOption(new Option('--runtime <runtime>', 'where nodes run (auto: the one `up` used)').choices(RUNTIME_CHOICES).default('auto'))
  .option('-n, --lines <n>', 'lines from the end of each log', int(0, 100_000), 40)
  .option('-f, --follow', 'keep printing new lines until Ctrl-C')
  .addHelpText(
    'after',
    examples([
      ['redis-arc logs', 'the last 40 lines of every node'],
      ['redis-arc logs sentinel-1 -f', 'follow one sentinel (+sdown, +switch-master, ...)'],
    ]),
  )
  .action(async (node: string | undefined, opts: Record<string, unknown>) => {
    const { runLogs } = await import('../actions/logs.js');
    await runLogs(node, opts);
  });
