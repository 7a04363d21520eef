import { z } from 'zod';
import { DEFAULT_BOOT_TIMEOUT_MS } from '../../runtime/defaults.js';
import { count, jsonField, runtimeField, specField } from './common.js';

export const upOptions = z.object({
  ...specField,
  ...runtimeField,
  ...jsonField,
  image: z.string().optional(),
  /** Print the plan and start nothing. */
  dryRun: z.boolean().default(false),
  /** Seconds. */
  timeout: count().default(DEFAULT_BOOT_TIMEOUT_MS / 1000),
});
export type UpOptions = z.output<typeof upOptions>;
