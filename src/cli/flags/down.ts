import { toggle } from './define.js';
import { JSON_OUT, runtimeFlag, SPEC } from './shared.js';

export const DOWN_FLAGS = {
  ...SPEC,
  ...runtimeFlag(),
  purge: toggle({ flags: '--purge', help: 'also delete node folders, data and logs (docker: volumes; the default there)' }),
  keepVolumes: toggle({ flags: '--keep-volumes', help: "docker: keep the containers' volumes (their data) for the next `up`" }),
  ...JSON_OUT,
};
