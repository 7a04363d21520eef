import { Command } from 'commander';
import { KUBERNETES_OUT_DIR } from '../../render/targets.js';
import { addFlags } from '../flags/option.js';
import { RENDER_FLAGS } from '../flags/render.js';
import { examples } from '../options.js';

export const renderCommand = addFlags(
  new Command('render').description('re-render the compose file and configs (or Kubernetes manifests) from an edited redis-arc.yaml'),
  RENDER_FLAGS,
)
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
