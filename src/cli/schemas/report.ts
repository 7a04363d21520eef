import { z } from 'zod';

export const reportOptions = z.object({
  out: z.string().min(1),
  /** Replace the --out file if it exists. */
  force: z.boolean().default(false),
});
export type ReportOptions = z.output<typeof reportOptions>;
