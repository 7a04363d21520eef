import { z } from 'zod';
import { DEFAULT_FAILOVER as D } from '../../scenarios/failover/defaults.js';
import { FAULTS } from '../../scenarios/failover/types.js';
import { attachFields, count, jsonField, prefixField, runtimeField, specField } from './common.js';

export const failoverTestOptions = z
  .object({
    ...specField,
    ...runtimeField,
    ...attachFields,
    ...prefixField,
    ...jsonField,
    fault: z.enum(FAULTS).default(D.fault),
    /** A shell command run at t0 as the fault (then `fault` is 'command'); commander refuses it with --fault. */
    faultCmd: z.string().optional(),
    healCmd: z.string().optional(),
    target: z.string().optional(),
    trials: count().default(D.trials),
    mode: z.enum(['direct', 'bus', 'manager']).default(D.mode),
    rate: count().default(D.rate),
    warmup: count().default(D.warmupMs),
    settle: count().default(D.settleMs),
    pauseMs: count().default(D.pauseMs),
    faultMs: count().optional(),
    partition: z.string().optional(),
    maxRecovery: count().default(D.maxRecoveryMs),
    maxWriteGap: count().optional(),
    maxLost: count().optional(),
    /** Comma-separated client profiles or module paths (src/scenarios/failover/profiles). */
    client: z.string().optional(),
    appDir: z.string().optional(),
    junit: z.string().optional(),
    report: z.string().optional(),
    /** Replace the --junit / --report file if it exists. */
    force: z.boolean().default(false),
  })
  // A flag combination: refused before connecting (the scenario refuses it too, for library callers).
  .refine((o) => !(o.healCmd && !o.faultCmd), { message: '--heal-cmd heals what --fault-cmd did: give --fault-cmd too' })
  .refine((o) => !(o.appDir && !o.client), { message: '--app-dir says where --client finds bullmq and ioredis: give --client too' });
export type FailoverTestOptions = z.output<typeof failoverTestOptions>;
