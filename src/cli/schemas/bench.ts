import { z } from 'zod';
import { DEFAULT_BENCH as D } from '../../scenarios/bench/defaults.js';
import { SCENARIOS, type Scenario } from '../../scenarios/bench/types.js';
import { attachFields, count, prefixField, specField } from './common.js';

const S = D.settings;

/** `--scenario add,process`: a comma list, every name known. */
const scenarioList = z
  .string()
  .default(D.scenarios.join(','))
  .transform((text) => text.split(',').map((s) => s.trim()))
  .superRefine((names, ctx) => {
    const unknown = names.filter((s) => !SCENARIOS.includes(s as Scenario));
    if (unknown.length) ctx.addIssue({ code: 'custom', message: `--scenario ${unknown.join(',')}: expected some of ${SCENARIOS.join(', ')}` });
  })
  .transform((names) => names as Scenario[]);

export const benchOptions = z.object({
  ...specField,
  ...attachFields,
  ...prefixField,
  scenario: scenarioList,
  mode: z.enum(['direct', 'bus', 'manager', 'all']).default(D.mode),
  jobs: count().default(S.jobs),
  inflight: count().default(S.inflight),
  batch: count().default(S.batch),
  rate: count().default(S.rate),
  duration: count().default(S.durationS),
  runs: count().default(S.runs),
  payload: count().default(S.payloadBytes),
  /** A file to write the result to (not stdout). */
  json: z.string().optional(),
  report: z.string().optional(),
  /** Replace the --json / --report file if it exists. */
  force: z.boolean().default(false),
  baseline: z.string().optional(),
  maxRegression: count().default(D.maxRegressionPct),
  client: z.string().optional(),
  appDir: z.string().optional(),
}).refine((o) => !(o.appDir && !o.client), { message: '--app-dir says where --client finds bullmq and ioredis: give --client too' });
export type BenchOptions = z.output<typeof benchOptions>;
