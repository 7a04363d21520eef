import { z } from 'zod';
import { FAILOVER_TEST_FLAGS } from '../flags/failover-test.js';
import { fieldsOf } from '../flags/field.js';
import { APP_DIR_NEEDS_CLIENT } from '../flags/shared.js';
import { unknownPlaceholder } from '../../scenarios/faults/placeholders.js';

export const failoverTestOptions = z
  .object(fieldsOf(FAILOVER_TEST_FLAGS))
  // A flag combination: refused before connecting (the scenario refuses it too, for library callers).
  .refine((o) => !(o.healCmd && !o.faultCmd), { message: '--heal-cmd heals what --fault-cmd did: give --fault-cmd too' })
  .refine((o) => !(o.appDir && !o.client), { message: APP_DIR_NEEDS_CLIENT })
  // A mistyped {hots} would reach the shell as text: refused before anything connects or warms up.
  .superRefine((o, ctx) => {
    for (const [flag, template] of [
      ['--fault-cmd', o.faultCmd],
      ['--heal-cmd', o.healCmd],
    ] as const) {
      const problem = template === undefined ? undefined : unknownPlaceholder(flag, template);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }
  });
export type FailoverTestOptions = z.output<typeof failoverTestOptions>;
