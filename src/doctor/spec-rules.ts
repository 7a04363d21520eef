import type { Spec } from '../spec/spec.js';
import type { Finding } from './finding.js';

/** A spec rule's finding; `checkSpec` marks it `source: 'spec'`. */
type SpecFinding = Omit<Finding, 'source' | 'nodes' | 'observed' | 'specKey'>;

/** Below this, a master that is merely busy (a long fork, a slow disk) is declared down: failovers flap. */
export const MIN_SAFE_DETECTION_MS = 1000;

type Rule = (spec: Spec) => SpecFinding | SpecFinding[] | undefined;

/** BullMQ production rules, checked against a spec (no Redis needed). */
export const SPEC_RULES: Rule[] = [
  ({ persistence: p }) =>
    p.maxmemoryPolicy === 'noeviction'
      ? undefined
      : {
          severity: 'error',
          rule: 'maxmemory-policy',
          path: 'persistence.maxmemoryPolicy',
          message: `${p.maxmemoryPolicy} evicts keys when memory is full: BullMQ silently loses jobs and queue metadata`,
          fix: 'set persistence.maxmemoryPolicy: noeviction (writes then fail loudly at the limit instead)',
        },
  ({ persistence: p }) =>
    p.appendonly
      ? undefined
      : {
          severity: 'warning',
          rule: 'appendonly',
          path: 'persistence.appendonly',
          message: 'appendonly is off: a restarted node comes back with the jobs of its last snapshot only',
          fix: 'set persistence.appendonly: true (appendfsync everysec loses at most ~1 s)',
        },
  ({ persistence: p }) =>
    p.appendonly && p.appendfsync === 'no'
      ? {
          severity: 'warning',
          rule: 'appendfsync',
          path: 'persistence.appendfsync',
          message: 'appendfsync no leaves flushing to the OS: a crash can lose ~30 s of jobs',
          fix: 'set persistence.appendfsync: everysec',
        }
      : undefined,
  ({ persistence: p }) =>
    /^0+[a-z]*$/i.test(p.maxmemory)
      ? {
          severity: 'warning',
          rule: 'maxmemory',
          path: 'persistence.maxmemory',
          message: 'no maxmemory: a queue backlog grows until the OS kills Redis',
          fix: 'set persistence.maxmemory to what the host can spare, e.g. 2gb (with noeviction, adds then fail cleanly)',
        }
      : undefined,
  ({ auth }) =>
    auth.enabled
      ? undefined
      : {
          severity: 'warning',
          rule: 'auth',
          path: 'auth.enabled',
          message: 'auth is off: any client that reaches a port can read or delete every queue',
          fix: 'set auth.enabled: true (redis-arc generates the password and keeps it in a 0600 file)',
        },
  ({ sentinel: s }) => {
    if (!s) return undefined;
    const out: SpecFinding[] = [];
    if (s.replicas === 0) {
      out.push({
        severity: 'error',
        rule: 'sentinel-replicas',
        path: 'sentinel.replicas',
        message: 'no replicas: the sentinels have nothing to promote, so a master failure is an outage',
        fix: 'set sentinel.replicas: 2',
      });
    }
    if (s.sentinels < 3) {
      out.push({
        severity: s.sentinels === 1 ? 'error' : 'warning',
        rule: 'sentinel-count',
        path: 'sentinel.sentinels',
        message: `${s.sentinels} sentinel${s.sentinels === 1 ? '' : 's'}: losing one leaves no majority to authorize a failover`,
        fix: 'set sentinel.sentinels: 3 (on separate hosts in production)',
      });
    } else if (s.sentinels % 2 === 0) {
      out.push({
        severity: 'warning',
        rule: 'sentinel-count',
        path: 'sentinel.sentinels',
        message: `${s.sentinels} sentinels (even): tolerates no more failures than ${s.sentinels - 1}, with one more process to run`,
        fix: `set sentinel.sentinels: ${s.sentinels - 1} or ${s.sentinels + 1}`,
      });
    }
    const majority = Math.floor(s.sentinels / 2) + 1;
    if (s.quorum < majority) {
      out.push({
        severity: 'warning',
        rule: 'sentinel-quorum',
        path: 'sentinel.quorum',
        message: `quorum ${s.quorum} is not a majority of ${s.sentinels}: a minority of sentinels can declare the master down`,
        fix: `set sentinel.quorum: ${majority}`,
      });
    }
    if (s.downAfterMs < MIN_SAFE_DETECTION_MS) {
      out.push({
        severity: 'warning',
        rule: 'down-after',
        path: 'sentinel.downAfterMs',
        message: `${s.downAfterMs} ms: a master busy for that long (fork, slow disk, GC pause of a client burst) is failed over: flapping`,
        fix: `set sentinel.downAfterMs to at least ${MIN_SAFE_DETECTION_MS} (5000 in production)`,
      });
    }
    if (s.minReplicasToWrite === 0 && s.replicas > 0) {
      out.push({
        severity: 'info',
        rule: 'min-replicas-to-write',
        path: 'sentinel.minReplicasToWrite',
        message: 'a hard master failure loses the jobs acknowledged since the last replication; `redis-arc failover-test` measures how many',
        fix: 'set sentinel.minReplicasToWrite: 1 to bound that window (adds fail while no replica is connected)',
      });
    }
    return out;
  },
  ({ cluster: c }) => {
    if (!c) return undefined;
    const out: SpecFinding[] = [];
    if (c.masters < 3) {
      out.push({
        severity: 'error',
        rule: 'cluster-masters',
        path: 'cluster.masters',
        message: `${c.masters} master${c.masters === 1 ? '' : 's'}: failover needs a majority of masters to agree, so fewer than 3 cannot fail over`,
        fix: 'set cluster.masters: 3',
      });
    }
    if (c.replicasPerMaster === 0) {
      out.push({
        severity: 'warning',
        rule: 'cluster-replicas',
        path: 'cluster.replicasPerMaster',
        message: 'no replicas: a failed master takes its slots, and every queue hashed there, offline',
        fix: 'set cluster.replicasPerMaster: 1',
      });
    }
    if (c.nodeTimeoutMs < MIN_SAFE_DETECTION_MS) {
      out.push({
        severity: 'warning',
        rule: 'node-timeout',
        path: 'cluster.nodeTimeoutMs',
        message: `${c.nodeTimeoutMs} ms: a node busy for that long is failed over: flapping`,
        fix: `set cluster.nodeTimeoutMs to at least ${MIN_SAFE_DETECTION_MS} (5000 in production)`,
      });
    }
    out.push({
      severity: 'info',
      rule: 'cluster-hash-tags',
      path: 'kind',
      message: "on a cluster every BullMQ queue needs a hash-tagged prefix such as '{bull}', or its scripts fail with CROSSSLOT",
      fix: "create queues with { prefix: '{bull}' } (redis-arc's connections do this for you)",
    });
    return out;
  },
];

export function checkSpec(spec: Spec): Finding[] {
  return SPEC_RULES.flatMap((rule) => rule(spec) ?? []).map((f) => ({ source: 'spec', ...f }));
}
