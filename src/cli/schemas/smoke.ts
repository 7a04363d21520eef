import { z } from 'zod';
import { DEFAULT_SMOKE as D } from '../../scenarios/smoke/defaults.js';
import { attachFields, count, jsonField, prefixField, specField } from './common.js';

export const smokeOptions = z.object({
  ...specField,
  ...attachFields,
  ...prefixField,
  ...jsonField,
  mode: z.enum(['direct', 'bus', 'manager', 'all']).default(D.mode),
  jobs: count().default(D.jobs),
  /** Seconds, per mode. */
  timeout: count().default(D.timeoutMs / 1000),
});
export type SmokeOptions = z.output<typeof smokeOptions>;
