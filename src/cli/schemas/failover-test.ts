import { z } from 'zod';
import { FAILOVER_TEST_FLAGS } from '../flags/failover-test.js';
import { fieldsOf } from '../flags/field.js';
import { APP_DIR_NEEDS_CLIENT } from '../flags/shared.js';

export const failoverTestOptions = z
  .object(fieldsOf(FAILOVER_TEST_FLAGS))
  // A flag combination: refused before connecting (the scenario refuses it too, for library callers).
  .refine((o) => !(o.healCmd && !o.faultCmd), { message: '--heal-cmd heals what --fault-cmd did: give --fault-cmd too' })
  .refine((o) => !(o.appDir && !o.client), { message: APP_DIR_NEEDS_CLIENT });
export type FailoverTestOptions = z.output<typeof failoverTestOptions>;
