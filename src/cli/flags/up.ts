import { DEFAULT_BOOT_TIMEOUT_MS } from '../../runtime/defaults.js';
import { int, text, toggle } from './define.js';
import { JSON_OUT, runtimeFlag, SERVER, SPEC } from './shared.js';

export const UP_FLAGS = {
  ...SPEC,
  ...runtimeFlag(),
  ...SERVER,
  image: text({
    flags: '--image <image>',
    help: "docker runtime: run this image instead of the spec's (e.g. localhost/redis-local:7.0.15 from `redis-arc image build-local`)",
  }),
  timeout: int({
    flags: '--timeout',
    unit: 'seconds',
    help: 'give up (and stop what was started) after this long',
    min: 1,
    max: 3600,
    default: DEFAULT_BOOT_TIMEOUT_MS / 1000,
  }),
  /** Print the plan and start nothing. */
  dryRun: toggle({ flags: '--dry-run', help: 'print the effective plan (nodes, ports, settings) and start nothing' }),
  ...JSON_OUT,
};
