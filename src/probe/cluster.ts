import type { ProbeConnection } from './client.js';
import { parseClusterNodes, type ClusterNodeEntry } from './cluster-nodes.js';
import { infoNumber, infoString, parseInfo, type Info } from './info.js';

/** The fields of `CLUSTER INFO` that health decisions use. */
export interface ClusterInfo {
  state: 'ok' | 'fail';
  slotsAssigned: number;
  slotsOk: number;
  slotsPfail: number;
  slotsFail: number;
  knownNodes: number;
  /** Masters serving at least one slot. */
  size: number;
  currentEpoch: number;
}

/** What one cluster node says: its CLUSTER INFO and its CLUSTER NODES table. */
export interface ClusterView {
  info: ClusterInfo;
  nodes: ClusterNodeEntry[];
  /** The `myself` line: this node's id, role and slots. */
  myself: ClusterNodeEntry | undefined;
}

export function clusterInfoFrom(info: Info): ClusterInfo {
  const n = (key: string) => infoNumber(info, key) ?? 0;
  return {
    state: infoString(info, 'cluster_state') === 'ok' ? 'ok' : 'fail',
    slotsAssigned: n('cluster_slots_assigned'),
    slotsOk: n('cluster_slots_ok'),
    slotsPfail: n('cluster_slots_pfail'),
    slotsFail: n('cluster_slots_fail'),
    knownNodes: n('cluster_known_nodes'),
    size: n('cluster_size'),
    currentEpoch: n('cluster_current_epoch'),
  };
}

export async function readClusterView(conn: ProbeConnection): Promise<ClusterView> {
  const [infoText, nodesText] = await Promise.all([conn.call('CLUSTER', 'INFO'), conn.call('CLUSTER', 'NODES')]);
  const nodes = parseClusterNodes(String(nodesText));
  return { info: clusterInfoFrom(parseInfo(String(infoText))), nodes, myself: nodes.find((n) => n.myself) };
}
