import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { probeClientOptions, withClient } from '../probe/client.js';
import { checkHealth } from '../probe/health.js';
import { infoString, parseInfo } from '../probe/info.js';
import { type Target } from '../redis/target.js';
import { serverIdentity, UNKNOWN_SERVER, type ServerIdentity } from '../servers/identity.js';

/**
 * Where a result was measured: enough to tell two runs apart when comparing them. Read once, when
 * a run starts, by `readEnvironment` for failover-test, bench and compare alike. Each result keeps
 * the fields (and their order) it has always written, so saved --json stays byte-identical:
 * `failoverEnvironment`, `benchEnvironment` and `compareEnvironment` pick them.
 */
export interface Environment {
  /** From the first data node that answers; 'unknown' if none does. Valkey's is the Redis version it is compatible with. */
  redisVersion: string;
  /** Which server and version ran (INFO server: server_name, valkey_version / redis_version); absent in a result saved before servers were named. */
  server?: ServerIdentity;
  node: string;
  bullmq: string;
  ioredis: string;
  cpus: number;
  /** 1-minute load average when the run started: a shared machine's noise. */
  loadAvg1: number;
  /** ISO time the run started. */
  at: string;
}

/** failover-test's environment. */
export type RunEnvironment = Pick<Environment, 'redisVersion' | 'server' | 'node' | 'bullmq' | 'cpus' | 'at'>;
/** bench's: the topology kind beside the versions. */
export type BenchEnvironment = Pick<Environment, 'redisVersion' | 'server' | 'node' | 'bullmq' | 'ioredis' | 'cpus' | 'at'> & { topology: string };
/** compare's: the load average first, as the machine is what compare's figures depend on most. */
export type CompareEnvironment = Pick<Environment, 'cpus' | 'loadAvg1' | 'redisVersion' | 'server' | 'node' | 'bullmq' | 'at'>;

/** Everything but the server: this process and this machine, now. */
export function hostEnvironment(): Omit<Environment, 'redisVersion' | 'server'> {
  const require = createRequire(import.meta.url);
  const version = (pkg: string): string => {
    const json: unknown = require(`${pkg}/package.json`);
    return typeof json === 'object' && json !== null && 'version' in json && typeof json.version === 'string' ? json.version : 'unknown';
  };
  return {
    node: process.version,
    bullmq: version('bullmq'),
    ioredis: version('ioredis'),
    cpus: cpus().length,
    loadAvg1: Math.round((loadavg()[0] ?? 0) * 100) / 100,
    at: new Date().toISOString(),
  };
}

/** The one environment reader: the host's facts and the target's server. */
export async function readEnvironment(target: Target): Promise<Environment> {
  const host = hostEnvironment();
  return { ...(await serverOf(target)), ...host };
}

export interface ServerFacts {
  redisVersion: string;
  server: ServerIdentity;
}

/** The server of the first data node that answers ('unknown' if none does). */
export async function serverOf(target: Target): Promise<ServerFacts> {
  try {
    const health = await checkHealth(target);
    const node = health.nodes.find((n) => n.reachable);
    if (!node) return { redisVersion: 'unknown', server: UNKNOWN_SERVER };
    const text = await withClient(node.address, target.password, (c) => c.info('server'), probeClientOptions(target));
    const info = parseInfo(String(text));
    return { redisVersion: infoString(info, 'redis_version') ?? 'unknown', server: serverIdentity(info) };
  } catch {
    return { redisVersion: 'unknown', server: UNKNOWN_SERVER };
  }
}

export const failoverEnvironment = (e: Environment): RunEnvironment => ({
  redisVersion: e.redisVersion,
  node: e.node,
  bullmq: e.bullmq,
  cpus: e.cpus,
  at: e.at,
  // Last: the fields before keep the order saved results have always had.
  ...(e.server && { server: e.server }),
});

export const benchEnvironment = (e: Environment, topology: string): BenchEnvironment => ({
  redisVersion: e.redisVersion,
  topology,
  node: e.node,
  bullmq: e.bullmq,
  ioredis: e.ioredis,
  cpus: e.cpus,
  at: e.at,
  // Last: the fields before keep the order saved results have always had.
  ...(e.server && { server: e.server }),
});

export const compareEnvironment = (e: Environment): CompareEnvironment => ({
  cpus: e.cpus,
  loadAvg1: e.loadAvg1,
  redisVersion: e.redisVersion,
  node: e.node,
  bullmq: e.bullmq,
  at: e.at,
  // Last: the fields before keep the order saved results have always had.
  ...(e.server && { server: e.server }),
});

/** failover-test's environment, read when its run starts. */
export async function runEnvironment(target: Target): Promise<RunEnvironment> {
  return failoverEnvironment(await readEnvironment(target));
}
