import { addressesFrom } from './addresses.js';
import { checkClusterHealth } from './health-cluster.js';
import { DEFAULT_HEALTH_OPTIONS, type HealthOptions, type HealthReport } from './health-report.js';
import { checkSentinelHealth } from './health-sentinel.js';
import { probeNode } from './node-probe.js';
import { dataNodeStatus } from './node-status.js';
import { readReplication } from './replication.js';
import { type Target } from '../redis/target.js';
import { probeClientOptions } from './client.js';

export type { DataNodeStatus, HealthOptions, HealthReport, SentinelStatus, Verdict } from './health-report.js';

/**
 * One look at a live topology: a verdict, one line per problem, and a status row per node.
 * Unreachable nodes are problems; a wrong password throws a ProbeError (reason 'auth').
 */
export async function checkHealth(target: Target, options: Partial<HealthOptions> = {}): Promise<HealthReport> {
  const merged = { ...DEFAULT_HEALTH_OPTIONS, ...options };
  // Every node a probe reads is reached with the target's TLS material, if any.
  const opts = { ...merged, client: probeClientOptions(target, merged.client) };
  switch (target.kind) {
    case 'standalone':
      return checkStandaloneHealth(target, opts);
    case 'sentinel':
      return checkSentinelHealth(target, opts);
    case 'cluster':
      return checkClusterHealth(target, opts);
  }
}

/** Standalone: healthy when the node answers PING, down otherwise. */
async function checkStandaloneHealth(target: Extract<Target, { kind: 'standalone' }>, opts: HealthOptions): Promise<HealthReport> {
  const addresses = addressesFrom(target);
  const probe = await probeNode(
    target.node,
    target.password,
    async (c) => {
      await c.call('PING');
      return readReplication(c);
    },
    opts.client,
  );
  const problems = probe.ok ? [] : [`${addresses.name(target.node)}: ${probe.error.problem}`];
  return {
    kind: 'standalone',
    verdict: probe.ok ? 'healthy' : 'down',
    problems,
    checkedAt: new Date().toISOString(),
    master: target.node,
    nodes: [dataNodeStatus(addresses, probe)],
    sentinels: [],
  };
}
