import { z } from 'zod';
import { DEFAULT_LOG_LINES } from '../../runtime/defaults.js';
import { count, runtimeField, specField } from './common.js';

export const logsOptions = z.object({
  ...specField,
  ...runtimeField,
  lines: count().default(DEFAULT_LOG_LINES),
  follow: z.boolean().default(false),
});
export type LogsOptions = z.output<typeof logsOptions>;
