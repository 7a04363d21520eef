import { CLUSTER_BUS_PORT_OFFSET } from './defaults.js';
import type { Spec } from './spec.js';

/** How many nodes of each sort a spec asks for. */
export function nodeCounts(spec: Pick<Spec, 'kind' | 'sentinel' | 'cluster'>): { data: number; sentinels: number } {
  switch (spec.kind) {
    case 'standalone':
      return { data: 1, sentinels: 0 };
    case 'sentinel':
      return { data: 1 + (spec.sentinel?.replicas ?? 0), sentinels: spec.sentinel?.sentinels ?? 0 };
    case 'cluster': {
      const c = spec.cluster;
      return { data: c ? c.masters * (1 + c.replicasPerMaster) : 0, sentinels: 0 };
    }
  }
}

/** A stretch of ports a spec occupies (data, cluster bus or sentinel ports), for messages naming the key that moves it. */
export interface SpecPortRange {
  what: string;
  /** The spec key that moves this range. */
  key: string;
  first: number;
  last: number;
}

/** Every port range the topology occupies; planner and validation share this. */
export function portRanges(spec: Pick<Spec, 'kind' | 'sentinel' | 'cluster' | 'ports'>): SpecPortRange[] {
  const { data, sentinels } = nodeCounts(spec);
  const ranges: SpecPortRange[] = [{ what: 'data ports', key: 'ports.base', first: spec.ports.base, last: spec.ports.base + data - 1 }];
  if (spec.kind === 'cluster') {
    ranges.push({
      what: `cluster bus ports (data port + ${CLUSTER_BUS_PORT_OFFSET})`,
      key: 'ports.base',
      first: spec.ports.base + CLUSTER_BUS_PORT_OFFSET,
      last: spec.ports.base + CLUSTER_BUS_PORT_OFFSET + data - 1,
    });
  }
  if (sentinels > 0) {
    ranges.push({ what: 'sentinel ports', key: 'ports.sentinelBase', first: spec.ports.sentinelBase, last: spec.ports.sentinelBase + sentinels - 1 });
  }
  return ranges;
}

export function formatRange(r: Pick<SpecPortRange, 'first' | 'last'>): string {
  return r.first === r.last ? String(r.first) : `${r.first}-${r.last}`;
}
