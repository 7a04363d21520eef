import { z } from 'zod';
import { fieldsOf } from '../flags/field.js';
import { STATUS_FLAGS } from '../flags/status.js';

/** `--watch` alone refreshes every second; `--watch 5` every 5 s. */
const WATCH_DEFAULT_S = 1;

export const statusOptions = z.object({
  ...fieldsOf(STATUS_FLAGS),
  /** Milliseconds between looks; absent: look once. */
  watch: z
    .union([z.literal(true), z.string()])
    .optional()
    .transform((w) => (w === undefined ? undefined : w === true ? WATCH_DEFAULT_S * 1000 : Number(w) * 1000))
    .refine((ms) => ms === undefined || (Number.isFinite(ms) && ms > 0), { message: '--watch: expected a number of seconds above 0, e.g. --watch 5' }),
});
export type StatusOptions = z.output<typeof statusOptions>;
