import { z } from 'zod';
import { DOCTOR_FLAGS } from '../flags/doctor.js';
import { fieldsOf } from '../flags/field.js';
import { APP_DIR_NEEDS_CLIENT, isAttach } from '../flags/shared.js';

export const doctorOptions = z
  .object(fieldsOf(DOCTOR_FLAGS))
  .refine((o) => !(o.appDir && !o.client), { message: APP_DIR_NEEDS_CLIENT })
  .refine((o) => !(isAttach(o) && o.live === false), { message: '--no-live with --sentinel, --cluster or --url leaves nothing to check' });
export type DoctorOptions = z.output<typeof doctorOptions>;
