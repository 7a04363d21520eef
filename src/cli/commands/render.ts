import { Command } from 'commander';
import { examples, jsonOption, specOption } from '../options.js';

export const renderCommand = new Command('render')
  .description('re-render the compose file and configs from an edited redis-arc.yaml')
  .addOption(specOption())
  .option('--out <dir>', 'output folder (default: beside the spec)')
  .option('--templates <dir>', 'render from your own copy of the templates')
  .option('--force', 'replace files you edited by hand')
  .addOption(jsonOption())
  .addHelpText(
    'after',
    examples([
      ['redis-arc render', 're-render beside ./redis-arc.yaml'],
      ['redis-arc render --spec prod/redis-arc.yaml --out build/', 'render into another folder'],
      ['redis-arc render --templates ./my-templates', 'use your own templates (missing files fall back to the built-ins)'],
    ]),
  )
  .action(async (opts: Record<string, unknown>) => {
    const { runRender } = await import('../actions/render.js');
    await runRender(opts);
  });
