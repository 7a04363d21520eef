import { Command, Option } from 'commander';
import { KUBERNETES_OUT_DIR, RENDER_TARGETS } from '../../render/targets.js';
import { examples, jsonOption, specOption } from '../options.js';

export const renderCommand = new Command('render')
  .description('re-render the compose file and configs (or Kubernetes manifests) from an edited redis-arc.yaml')
  .addOption(specOption())
  .addOption(new Option('--target <target>', 'what to render: compose files beside the spec, or Kubernetes manifests').choices(RENDER_TARGETS).default('compose'))
  .option('--out <dir>', `output folder (default: beside the spec; ${KUBERNETES_OUT_DIR}/ beside it for --target kubernetes)`)
  .option('--templates <dir>', 'render from your own copy of the templates')
  .option('--force', 'replace files you edited by hand')
  .addOption(jsonOption())
  .addHelpText(
    'after',
    examples([
      ['redis-arc render', 're-render beside ./redis-arc.yaml'],
      ['redis-arc render --spec prod/redis-arc.yaml --out build/', 'render into another folder'],
      ['redis-arc render --target kubernetes', `Kubernetes manifests in ./${KUBERNETES_OUT_DIR} (kubectl apply -k ${KUBERNETES_OUT_DIR})`],
      ['redis-arc render --templates ./my-templates', 'use your own templates (missing files fall back to the built-ins)'],
    ]),
  )
  .action(async (opts: Record<string, unknown>) => {
    const { runRender } = await import('../actions/render.js');
    await runRender(opts);
  });
