import { Command, Option } from 'commander';
import { DEFAULT_DEMO as D } from '../demo-defaults.js';
import { examples, int, jsonOption } from '../options.js';

export const demoCommand = new Command('demo')
  .description('init, boot, smoke-test, fail over once and tear down a topology in a temporary folder (about a minute)')
  .addOption(new Option('--kind <kind>', 'topology').choices(['sentinel', 'cluster']).default(D.kind))
  .option('--port-base <port>', `first data port (default: sentinel ${D.ports.sentinel.portBase}, cluster ${D.ports.cluster.portBase})`, int(1024, 55000))
  .option('--keep', 'leave the topology running and its folder in place')
  .option('--report <file.html>', 'write the failover’s HTML report here (default: a new folder in the temp folder; the path is printed)')
  .option('--force', 'replace the --report file if it exists')
  .addOption(jsonOption())
  .addHelpText(
    'after',
    examples([
      ['redis-arc demo', `sentinel 1+2+3 with down-after ${D.detectMs} ms`],
      ['redis-arc demo --kind cluster', `cluster 3x1 with node-timeout ${D.detectMs} ms`],
    ]),
  )
  .action(async (opts: Record<string, unknown>) => {
    const { runDemo } = await import('../actions/demo.js');
    process.exitCode = await runDemo(opts);
  });
