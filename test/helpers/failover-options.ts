import type { FailoverOptions } from '../../src/scenarios/failover/index.js';
import type { StartedTopology } from '../../src/project/start.js';

/**
 * One short kill trial on a test topology (fast warm-up and settle); `over` changes what a test is
 * about. `t` is the project-level handle: a redis-arc/testing topology's `started`.
 */
export const failoverOptions = (t: Pick<StartedTopology, 'target' | 'runtime' | 'project'>, over: Partial<FailoverOptions>): FailoverOptions => ({
  topology: t,
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
