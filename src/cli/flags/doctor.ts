import { DEFAULT_SCAN_OPTIONS } from '../../doctor/live-options.js';
import { EXIT } from '../../errors/exit-codes.js';
import { int, toggle } from './define.js';
import { ATTACH, clientFlags, JSON_OUT, SPEC } from './shared.js';

export const DOCTOR_FLAGS = {
  ...SPEC,
  ...JSON_OUT,
  /** true: --live (must answer); false: --no-live; absent: check live when it answers. */
  live: toggle({
    flags: '--live',
    help: `require the live checks: exit ${EXIT.unreachable} when the topology does not answer (default: run them when it answers)`,
    negation: 'check the spec only, do not connect',
    unset: 'undefined',
  }),
  ...clientFlags(
    "check a client module's connection settings instead (./src/redis.mjs, or defaults, bullmq-docs, redis-arc; comma-separated); nothing connects",
  ),
  scanLimit: int({
    flags: '--scan-limit <keys>',
    help: 'cluster: SCAN at most this many keys per master for un-tagged BullMQ queues (0: no scan)',
    min: 0,
    max: 100_000_000,
    default: DEFAULT_SCAN_OPTIONS.limitPerMaster,
  }),
  ...ATTACH,
};
