import { z } from 'zod';
import { MODES } from '../../events/producer.js';
import { SCENARIOS, type BenchResult } from '../bench/types.js';

/** A saved bench result, as `redis-arc report` and `bench --baseline` read it back (loose objects: unnamed fields are kept). */
const num = z.number();
const percentiles = z.looseObject({ p50: num, p90: num, p99: num, p999: num, max: num });

const scenarioResult = z.looseObject({
  scenario: z.enum(SCENARIOS),
  mode: z.enum(MODES).nullable(),
  concurrency: num.optional(),
  client: z.looseObject({ profile: z.string(), bullmq: z.string(), ioredis: z.string() }).optional(),
  runs: z.array(z.looseObject({ jobs: num, elapsedMs: num, jobsPerSec: num, latencyMs: percentiles.optional() })),
  median: z.looseObject({ jobsPerSec: num, latencyMs: percentiles.optional() }),
  spreadPct: num,
});

const stars = z.looseObject({ direct: z.string(), bus: z.string(), manager: z.string() });

export const benchResultSchema = z.looseObject({
  schemaVersion: z.literal(1),
  // Results saved before the tag existed have none: the shape told them apart (src/scenarios/results/read.ts).
  result: z.literal('bench').default('bench'),
  environment: z.looseObject({
    redisVersion: z.string(),
    server: z.object({ name: z.string(), version: z.string() }).optional(),
    topology: z.string(),
    node: z.string(),
    bullmq: z.string(),
    ioredis: z.string(),
    cpus: num,
    at: z.string(),
  }),
  settings: z.looseObject({
    jobs: num,
    inflight: num,
    batch: num,
    rate: num,
    durationS: num,
    runs: num,
    payloadBytes: num,
    warmupJobs: num,
    concurrencies: z.array(num),
  }),
  results: z.array(scenarioResult),
  decisionMatrix: z.array(
    z.looseObject({ criterion: z.string(), stars, measured: z.looseObject({ bus: num.nullable(), manager: num.nullable() }), basis: z.string() }),
  ),
}) satisfies z.ZodType<BenchResult>;
