import type { DataNodeReading, LiveState } from '../live-read.js';
import { count, isMaster, PERSIST } from './shared.js';
import type { Rule } from './rule.js';
import { measuredEffect } from './split-brain-window.js';

const SPEC_KEY = 'sentinel.minReplicasToWrite';
const WHY_ZERO = 'a hard master failure loses the jobs acknowledged since the last replication; `redis-arc failover-test` measures how many';

/** How many replicas this master is supposed to have, from what the sentinels or the cluster know. */
function knownReplicas(state: LiveState, master: DataNodeReading): number {
  const connected = master.replication?.replicas.length ?? 0;
  if (state.target.kind === 'sentinel') return Math.max(connected, ...state.health.sentinels.map((s) => s.knownReplicas ?? 0));
  if (state.target.kind === 'cluster') return Math.max(connected, master.status.replicas?.length ?? 0);
  return connected;
}

export const minReplicasToWrite: Rule = {
  id: 'min-replicas-to-write',
  spec: ({ sentinel: s }) =>
    s && s.minReplicasToWrite === 0 && s.replicas > 0
      ? {
          severity: 'info',
          path: SPEC_KEY,
          message: WHY_ZERO,
          fix: `set ${SPEC_KEY}: 1 and sentinel.minReplicasMaxLagS: 2 to bound that window (adds fail while no replica is connected); ${measuredEffect()}`,
        }
      : undefined,
  live: {
    node: (node, state) => {
      const config = node.config;
      if (!config || !isMaster(state, node)) return undefined;
      const min = Number(config['min-replicas-to-write'] ?? 0);
      const maxLag = Number(config['min-replicas-max-lag'] ?? 10);
      const good = (node.replication?.replicas ?? []).filter((r) => r.state === 'online' && (r.lagSeconds ?? 0) <= maxLag).length;
      const known = knownReplicas(state, node);
      // The cluster spec has no such key.
      const base = { path: 'min-replicas-to-write', nodes: [node.name], ...(state.target.kind === 'sentinel' && { specKey: SPEC_KEY }) };
      if (min > 0 && good < min) {
        return {
          ...base,
          severity: 'error',
          observed: `${min}, with ${count(good, 'replica')} in sync (lag <= ${maxLag} s)`,
          message: 'the master refuses writes now (NOREPLICAS): every BullMQ add and every job a worker moves fails',
          fix: `bring the replicas back, or CONFIG SET min-replicas-to-write ${good}`,
        };
      }
      if (min > 0 && min >= known) {
        return {
          ...base,
          severity: 'warning',
          observed: `${min}, with ${count(known, 'replica')}`,
          message: 'every replica is required: one replica restart or resync stops every add with NOREPLICAS',
          fix: known > 1 ? `CONFIG SET min-replicas-to-write ${known - 1}, ${PERSIST}` : 'add a replica, or CONFIG SET min-replicas-to-write 0',
        };
      }
      if (min === 0 && known > 0) {
        return {
          ...base,
          severity: 'info',
          observed: '0',
          message: WHY_ZERO,
          fix: `CONFIG SET min-replicas-to-write 1, ${PERSIST}: it bounds that window (adds fail while no replica is connected)`,
        };
      }
      return undefined;
    },
  },
};
