import { KUBERNETES_OUT_DIR, RENDER_TARGETS } from '../../render/targets.js';
import { choice, text } from './define.js';
import { forceFlag, JSON_OUT, SPEC, TEMPLATES } from './shared.js';

export const RENDER_FLAGS = {
  ...SPEC,
  target: choice({
    flags: '--target <target>',
    help: 'what to render: compose files beside the spec, or Kubernetes manifests',
    choices: RENDER_TARGETS,
    default: 'compose',
  }),
  out: text({ flags: '--out <dir>', help: `output folder (default: beside the spec; ${KUBERNETES_OUT_DIR}/ beside it for --target kubernetes)` }),
  ...TEMPLATES,
  ...forceFlag('replace files you edited by hand'),
  ...JSON_OUT,
};
