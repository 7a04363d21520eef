import type { Topology } from '../../topology/types.js';

/**
 * Resource requests and volume sizes of the rendered pods: the one place they are decided.
 * Memory covers maxmemory plus a quarter for what maxmemory does not count (client and
 * replication buffers, the copy-on-write of an AOF rewrite); the volume holds the AOF, which
 * may grow to about twice the data set before a rewrite, plus the rewrite itself.
 */
export const KUBE_SIZING = {
  redisCpu: '100m',
  /** When maxmemory is 0 (no limit) nothing bounds the data set: this is only a floor. */
  redisMemoryFloorMi: 256,
  sentinelCpu: '50m',
  sentinelMemory: '64Mi',
  /** Sentinel keeps only its rewritten conf there. */
  sentinelStorage: '1Gi',
  storageFloorGi: 1,
} as const;

const UNIT: Record<string, number> = { '': 1, b: 1, k: 1000, kb: 1024, m: 1000 ** 2, mb: 1024 ** 2, g: 1000 ** 3, gb: 1024 ** 3 };

/** A Redis size (512mb, 2gb, 0) in bytes, as Redis reads it. */
export function redisBytes(size: string): number {
  const [, digits, unit = ''] = /^(\d+)([a-z]*)$/i.exec(size) ?? [];
  return digits === undefined ? 0 : Number(digits) * (UNIT[unit.toLowerCase()] ?? 1);
}

export function redisResources(t: Topology): { cpu: string; memory: string; storage: string } {
  const max = redisBytes(t.persistence.maxmemory);
  const mi = Math.max(KUBE_SIZING.redisMemoryFloorMi, Math.ceil((max * 1.25) / 1024 ** 2));
  const gi = Math.max(KUBE_SIZING.storageFloorGi, Math.ceil((max * 3) / 1024 ** 3));
  return { cpu: KUBE_SIZING.redisCpu, memory: `${mi}Mi`, storage: `${gi}Gi` };
}
