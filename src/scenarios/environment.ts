import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { withClient } from '../probe/client.js';
import { checkHealth } from '../probe/health.js';
import { infoString, parseInfo } from '../probe/info.js';
import { type Target } from '../redis/target.js';
import { probeClientOptions } from '../probe/client.js';

/** Where a result was measured: enough to tell two runs apart when comparing them. */
export interface RunEnvironment {
  redisVersion: string;
  node: string;
  bullmq: string;
  cpus: number;
  /** ISO time the run started. */
  at: string;
}

/** Read once before a scenario: the Redis version from the first data node that answers ('unknown' if none does). */
export async function runEnvironment(target: Target): Promise<RunEnvironment> {
  const require = createRequire(import.meta.url);
  return {
    redisVersion: await redisVersion(target).catch(() => 'unknown'),
    node: process.version,
    bullmq: (require('bullmq/package.json') as { version: string }).version,
    cpus: cpus().length,
    at: new Date().toISOString(),
  };
}

async function redisVersion(target: Target): Promise<string> {
  const health = await checkHealth(target);
  const node = health.nodes.find((n) => n.reachable);
  if (!node) return 'unknown';
  const text = await withClient(node.address, target.password, (c) => c.info('server'), probeClientOptions(target));
  return infoString(parseInfo(String(text)), 'redis_version') ?? 'unknown';
}
