import { DEFAULT_SMOKE as D } from '../../scenarios/smoke/defaults.js';
import { int } from './define.js';
import { ATTACH, JSON_OUT, MODES_AND_ALL, modeFlag, PREFIX, SPEC, workloadFlags } from './shared.js';

export const SMOKE_FLAGS = {
  ...SPEC,
  ...modeFlag('event-layer mode', MODES_AND_ALL, D.mode),
  jobs: int({ flags: '--jobs <n>', help: 'events per mode', min: 1, max: 1_000_000, default: D.jobs }),
  timeout: int({ flags: '--timeout', unit: 'seconds', help: 'per mode', min: 1, max: 3600, default: D.timeoutMs / 1000 }),
  ...workloadFlags('BullMQ features run after the modes with no fault, every invariant checked'),
  ...PREFIX,
  ...JSON_OUT,
  ...ATTACH,
};
