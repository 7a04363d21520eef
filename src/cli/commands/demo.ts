import { Command } from 'commander';
import { DEFAULT_DEMO as D } from '../demo-defaults.js';
import { DEMO_FLAGS } from '../flags/demo.js';
import { addFlags } from '../flags/option.js';
import { examples } from '../options.js';

export const demoCommand = addFlags(
  new Command('demo').description('init, boot, smoke-test, fail over once and tear down a topology in a temporary folder (about a minute)'),
  DEMO_FLAGS,
)
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
