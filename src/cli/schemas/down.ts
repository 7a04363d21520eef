import { z } from 'zod';
import { jsonField, runtimeField, specField } from './common.js';

export const downOptions = z
  .object({
    ...specField,
    ...runtimeField,
    ...jsonField,
    purge: z.boolean().default(false),
    keepVolumes: z.boolean().default(false),
  })
  .refine((o) => !(o.keepVolumes && o.purge), { message: '--keep-volumes and --purge contradict each other; pass one' });
export type DownOptions = z.output<typeof downOptions>;
