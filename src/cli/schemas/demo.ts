import { z } from 'zod';
import { DEFAULT_DEMO } from '../demo-defaults.js';
import { count, jsonField } from './common.js';

export const demoOptions = z.object({
  ...jsonField,
  kind: z.enum(['sentinel', 'cluster']).default(DEFAULT_DEMO.kind),
  portBase: count().optional(),
  keep: z.boolean().default(false),
  /** Where the failover's HTML report goes (default: a new folder in the temp folder). */
  report: z.string().optional(),
  force: z.boolean().default(false),
});
export type DemoOptions = z.output<typeof demoOptions>;
