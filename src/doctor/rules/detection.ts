import type { LiveDraft } from './rule.js';

/** Below this, a master that is merely busy (a long fork, a slow disk) is declared down: failovers flap. */
export const MIN_SAFE_DETECTION_MS = 1000;
/** Above this, a dead master stalls every queue on it for longer than a worker's stalled-job check (30 s) tolerates well. */
const MAX_DETECTION_MS = 10_000;

/** `set <key> to at least 1000 (5000 in production)`. */
export const specFix = (key: string): string => `set ${key} to at least ${MIN_SAFE_DETECTION_MS} (5000 in production)`;

/**
 * cluster-node-timeout / down-after-milliseconds as running (`value` as the node reports it, when
 * it does): too low flaps, too high stalls queues. `set` is the command that changes it everywhere
 * (`CONFIG SET cluster-node-timeout 5000 on every node`).
 */
export function detectionFinding(setting: string, value: string | undefined, nodes: string[], set: string, specKey: string): LiveDraft | undefined {
  const ms = Number(value);
  if (value === undefined || !Number.isFinite(ms)) return undefined;
  const base = { path: setting, nodes, observed: `${ms} ms` };
  if (ms < MIN_SAFE_DETECTION_MS) {
    return {
      severity: 'warning',
      ...base,
      message: `a master busy for ${ms} ms (fork, slow disk, a burst of large jobs) is failed over: failovers flap and workers reconnect for nothing`,
      fix: `${set} (at least ${MIN_SAFE_DETECTION_MS})`,
      specKey,
    };
  }
  if (ms > MAX_DETECTION_MS) {
    return {
      severity: 'warning',
      ...base,
      message: `a dead master is noticed only after ${ms / 1000} s: every add and every worker on its queues stalls that long before the failover even starts`,
      fix: `${set} (at most ${MAX_DETECTION_MS})`,
      specKey,
    };
  }
  return undefined;
}
