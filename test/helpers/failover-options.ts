import type { FailoverOptions } from '../../src/scenarios/failover/index.js';
import type { TestTopology } from './topology.js';

/** One short kill trial on a test topology (fast warm-up and settle); `over` changes what a test is about. */
export const failoverOptions = (t: TestTopology, over: Partial<FailoverOptions>): FailoverOptions => ({
  target: t.target,
  runtime: t.runtime,
  fault: 'kill',
  mode: 'direct',
  rate: 100,
  trials: 1,
  prefix: t.target.kind === 'cluster' ? '{bull}' : 'bull',
  warmupMs: 800,
  settleMs: 800,
  pauseMs: 3000,
  maxRecoveryMs: 30_000,
  healTimeoutMs: 30_000,
  thresholds: {},
  ...over,
});
