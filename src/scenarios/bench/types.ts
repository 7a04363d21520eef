import type { Mode } from '../../events/producer.js';
import type { BenchEnvironment } from '../environment.js';

export const SCENARIOS = ['add', 'add-concurrent', 'add-bulk', 'process', 'latency'] as const;
export type Scenario = (typeof SCENARIOS)[number];

export interface Percentiles {
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
}

export interface BenchSettings {
  jobs: number;
  inflight: number;
  batch: number;
  rate: number;
  durationS: number;
  runs: number;
  payloadBytes: number;
  warmupJobs: number;
  concurrencies: number[];
}

/** One measured run. */
export interface RunMeasurement {
  jobs: number;
  elapsedMs: number;
  jobsPerSec: number;
  /** latency scenario: end-to-end ms from the intended send time to completion. */
  latencyMs?: Percentiles;
}

/** A scenario in one mode (and worker concurrency, for `process`), over `runs` runs. */
export interface ScenarioResult {
  scenario: Scenario;
  /** `process` measures the consumer only: mode is null. */
  mode: Mode | null;
  concurrency?: number;
  /** `--client`: the profile whose connections and BullMQ ran the cell, and their versions. */
  client?: { profile: string; bullmq: string; ioredis: string };
  runs: RunMeasurement[];
  median: { jobsPerSec: number; latencyMs?: Percentiles };
  /** (max - min) / median of jobs/s over runs, in percent. */
  spreadPct: number;
}

export interface DecisionRow {
  criterion: string;
  stars: { direct: string; bus: string; manager: string };
  measured: { bus: number | null; manager: number | null };
  /** What the ratio is of, e.g. `add-concurrent jobs/s vs direct`. */
  basis: string;
}

export interface BenchResult {
  schemaVersion: 1;
  /** What this result is: `redis-arc report` and `bench --baseline` read it back by it. */
  result: 'bench';
  environment: BenchEnvironment;
  settings: BenchSettings;
  results: ScenarioResult[];
  decisionMatrix: DecisionRow[];
}
