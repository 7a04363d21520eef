import { DEFAULT_LOG_LINES } from '../../runtime/defaults.js';
import { int, toggle } from './define.js';
import { runtimeFlag, SPEC } from './shared.js';

export const LOGS_FLAGS = {
  ...SPEC,
  ...runtimeFlag('where nodes run (auto: the one `up` used)'),
  lines: int({ flags: '-n, --lines <n>', help: 'lines from the end of each log', min: 0, max: 100_000, default: DEFAULT_LOG_LINES }),
  follow: toggle({ flags: '-f, --follow', help: 'keep printing new lines until Ctrl-C' }),
};
