import { z } from 'zod';
import { COMPARE_KINDS } from '../compare/defaults.js';
import type { CompareResult } from '../compare/types.js';
import { compareFailoverSchema } from './failover.js';

/** A saved compare result, as `redis-arc report` reads it back (loose objects: unnamed fields are kept). */
const num = z.number();
const nums = z.array(num);
const strings = z.array(z.string());

const throughput = z.looseObject({
  queues: num,
  prefixes: strings,
  masters: strings.optional(),
  slots: nums.optional(),
  jobsPerSec: num,
  runs: nums,
});

const latency = z.union([
  z.looseObject({ rate: num, durationS: num, runs: num, p50: num, p99: num, max: num, p50s: nums }),
  z.looseObject({ error: z.string() }),
]);

const measurement = z.looseObject({
  kind: z.enum(COMPARE_KINDS),
  masters: num,
  failover: z.looseObject({ crash: compareFailoverSchema.optional(), graceful: compareFailoverSchema.optional() }),
  latency,
  throughput: z.looseObject({ one: throughput, shared: throughput, spread: throughput.optional() }),
  resources: z.looseObject({ processes: num, ports: num, rssKiB: z.looseObject({ idle: num, afterWork: num }), setupMs: num, teardownMs: num }),
});

const row = z.looseObject({
  area: z.enum(['failover', 'latency', 'throughput', 'resources']),
  claim: z.string(),
  source: z.string(),
  measured: z.string(),
  verdict: z.enum(['holds', 'does not hold', 'depends', 'not measured']),
  why: z.string(),
});

export const compareResultSchema = z.looseObject({
  schemaVersion: z.literal(1),
  // Results saved before the tag existed have none: the shape told them apart (src/scenarios/results/read.ts).
  result: z.literal('compare').default('compare'),
  environment: z.looseObject({
    cpus: num,
    loadAvg1: num,
    redisVersion: z.string(),
    server: z.object({ name: z.string(), version: z.string() }).optional(),
    node: z.string(),
    bullmq: z.string(),
    at: z.string(),
  }),
  settings: z.looseObject({
    topologies: z.array(z.enum(COMPARE_KINDS)),
    downAfterMs: num,
    trials: num,
    queues: num,
    failover: z.looseObject({ rate: num, warmupMs: num, settleMs: num }),
    latency: z.looseObject({ rate: num, durationS: num, runs: num }),
    throughput: z.looseObject({ jobs: num, inflight: num, runs: num }),
  }),
  measurements: z.array(measurement),
  rows: z.array(row),
  decision: z.looseObject({ sentinel: strings, cluster: strings, even: strings }).optional(),
}) satisfies z.ZodType<CompareResult>;
