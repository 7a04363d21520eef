import { DEFAULT_MAX_LAG_SECONDS } from '../../probe/health-defaults.js';
import { int, text, toggle } from './define.js';
import { ATTACH, JSON_OUT, runtimeFlag, SPEC } from './shared.js';

export const STATUS_FLAGS = {
  ...SPEC,
  ...runtimeFlag('where nodes run, for the process states shown under the health (auto: the one `up` used)'),
  ...JSON_OUT,
  /** `--watch` alone or with seconds: schemas/status.ts turns it into milliseconds. */
  watch: text({ flags: '--watch [seconds]', help: 'refresh until Ctrl-C (default every 1 s)' }),
  maxLag: int({ flags: '--max-lag', unit: 'seconds', help: 'a replica further behind is a problem', min: 0, max: 3600, default: DEFAULT_MAX_LAG_SECONDS }),
  removeLeftovers: toggle({
    flags: '--remove-leftovers',
    help: 'delete the queue keys that redis-arc runs killed before their cleanup left (the note names them); run it when no redis-arc run is in progress',
  }),
  ...ATTACH,
};
