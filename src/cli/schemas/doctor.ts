import { z } from 'zod';
import { DEFAULT_SCAN_OPTIONS } from '../../doctor/live-options.js';
import { isAttach } from '../attach-options.js';
import { attachFields, count, jsonField, specField } from './common.js';

export const doctorOptions = z
  .object({
    ...specField,
    ...attachFields,
    ...jsonField,
    /** true: --live (must answer); false: --no-live; absent: check live when it answers. */
    live: z.boolean().optional(),
    scanLimit: count().default(DEFAULT_SCAN_OPTIONS.limitPerMaster),
    client: z.string().optional(),
    appDir: z.string().optional(),
  })
  .refine((o) => !(o.appDir && !o.client), { message: '--app-dir says where --client finds bullmq and ioredis: give --client too' })
  .refine((o) => !(isAttach(o) && o.live === false), { message: '--no-live with --sentinel, --cluster or --url leaves nothing to check' });
export type DoctorOptions = z.output<typeof doctorOptions>;
