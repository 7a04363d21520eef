import { z } from 'zod';
import { DOWN_FLAGS } from '../flags/down.js';
import { fieldsOf } from '../flags/field.js';

export const downOptions = z
  .object(fieldsOf(DOWN_FLAGS))
  .refine((o) => !(o.keepVolumes && o.purge), { message: '--keep-volumes and --purge contradict each other; pass one' });
export type DownOptions = z.output<typeof downOptions>;
