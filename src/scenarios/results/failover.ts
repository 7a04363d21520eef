import { z } from 'zod';
import { MODES } from '../../events/producer.js';
import type { ProfileSummary } from '../failover/profile-summaries.js';
import type { WorkloadSummary } from '../failover/workload-summaries.js';
import type { CompareFailover } from '../compare/types.js';
import { type FailoverResult } from '../failover/types.js';
import { FAULTS } from '../faults/names.js';

/**
 * A saved failover-test result, as `redis-arc report` and `compare` read it back. Loose objects:
 * a field this schema does not name is kept, not dropped. `failoverResultSchema`'s output is
 * assigned to `FailoverResult` without a cast, so tsc fails when the type gains a field this
 * schema does not check.
 */
const num = z.number();
/** A moment as ms since 1970, within what a Date can hold (the report prints it as a date). */
const epochMs = z.number().int().min(0).max(8.64e15);
const orNull = z.number().nullable();
const strings = z.array(z.string());
const summary = z.looseObject({ min: orNull, median: orNull, max: orNull });
const fault = z.enum([...FAULTS, 'command']);
const mode = z.enum(MODES);

const commandRun = z.looseObject({ command: z.string(), exitCode: orNull, signal: z.string().optional(), durationMs: num, output: z.string() });
const trialClient = z.looseObject({ profile: z.string(), bullmq: z.string(), ioredis: z.string(), jobIds: z.enum(['tool', 'bullmq']) });
const outage = z.looseObject({ detection_ms: orNull, election_ms: orNull, follow_ms: orNull });
const metrics = z.looseObject({
  detect_ms: orNull,
  promote_ms: orNull,
  write_gap_ms: orNull,
  write_outage_ms: orNull,
  consume_gap_ms: orNull,
  consume_outage_ms: orNull,
  bus_dropped: num.optional(),
  outage: outage.optional(),
});
const adds = z.looseObject({
  issued: num,
  acked: num,
  failed: num,
  indeterminate: num,
  lost: num,
  lostIds: strings,
  recovered: num,
  duplicated: num,
  duplicatedIds: strings,
  failedButPresent: num,
  // Counted since client profiles (2026-11-29). Results saved before ran only redis-arc's own
  // unique job ids, with which an id is never re-issued nor a record overwritten: 0 is what they had.
  reissued: num.default(0),
  reissuedIds: strings.default([]),
  overwritten: num.default(0),
  overwrittenIds: strings.default([]),
  errors: z.array(z.looseObject({ message: z.string(), count: num })),
  byNode: z.array(z.looseObject({ node: z.string(), acked: num, lost: num })).optional(),
  cutOff: z.looseObject({ nodes: strings, acked: num, lost: num }).optional(),
  gone: num.optional(),
  goneIds: strings.optional(),
});
const problemKind = z.enum(['lost', 'stuck', 'duplicated', 'late', 'error']);
const workloadReport = z.looseObject({
  workload: z.string(),
  figures: z.record(z.string(), orNull),
  problems: z.array(z.looseObject({ kind: problemKind, count: num, line: z.string(), examples: strings.optional() })),
  notes: strings,
});
const workloadSummary = z.looseObject({
  workload: z.string(),
  profile: z.string(),
  trials: num,
  figures: z.record(z.string(), summary),
  trialsWith: z.partialRecord(problemKind, num),
  problems: strings,
}) satisfies z.ZodType<WorkloadSummary>;
const events = z.array(z.looseObject({ atMs: num, epochMs: num, type: z.string(), source: z.string(), detail: z.string() }));
const timeline = z.looseObject({ bucketMs: num, startMs: num, acks: z.array(num), failures: z.array(num), completions: z.array(num) });
const trial = z.looseObject({
  trial: num,
  fault,
  mode,
  target: z.looseObject({ id: z.string(), address: z.string(), role: z.string() }),
  t0EpochMs: epochMs,
  rate: num,
  metrics,
  adds,
  verdict: z.enum(['ok', 'consumer-stuck', 'writes-stuck', 'not-healed']),
  notes: strings,
  events,
  timeline,
  healedMs: orNull,
  faultDetail: z.string().optional(),
  faultEndedMs: num.optional(),
  faultCommand: commandRun.optional(),
  healCommand: commandRun.optional(),
  workers: z.array(z.looseObject({ worker: z.string(), resumed: z.boolean(), resume_ms: orNull })).optional(),
  client: trialClient.optional(),
  workloads: z.array(workloadReport).optional(),
});
const profileSummary = z.looseObject({
  client: trialClient,
  trials: num,
  write_gap_ms: summary,
  consume_gap_ms: summary,
  lost: summary,
  recovered: summary,
  duplicated: summary,
  reissued: summary,
  overwritten: summary,
  outage: z.looseObject({ detection_ms: summary, election_ms: summary, follow_ms: summary }),
  notOk: strings,
  stuck: strings,
}) satisfies z.ZodType<ProfileSummary>;

export const failoverResultSchema = z.looseObject({
  schemaVersion: z.literal(1),
  // Results saved before the tag existed have none: the shape told them apart (src/scenarios/results/read.ts).
  result: z.literal('failover').default('failover'),
  kind: z.enum(['standalone', 'sentinel', 'cluster']),
  fault,
  mode,
  rate: num,
  environment: z
    .looseObject({
      redisVersion: z.string(),
      server: z.object({ name: z.string(), version: z.string() }).optional(),
      node: z.string(),
      bullmq: z.string(),
      cpus: num,
      at: z.string(),
    })
    .optional(),
  trials: z.array(trial),
  summary: z.looseObject({ detect_ms: summary, promote_ms: summary, write_gap_ms: summary, consume_gap_ms: summary, lost: summary }),
  thresholds: z.looseObject({ maxWriteGapMs: num.optional(), maxLost: num.optional() }),
  breaches: strings,
  profiles: z.array(profileSummary).optional(),
  workloads: z.array(workloadSummary).optional(),
}) satisfies z.ZodType<FailoverResult>;

/** A failover-test result inside a compare result: bench/compare-topologies.ts saves its trials without their timeline and events. */
export const compareFailoverSchema = failoverResultSchema.extend({
  trials: z.array(trial.extend({ events: events.optional(), timeline: timeline.optional() })),
}) satisfies z.ZodType<CompareFailover>;
