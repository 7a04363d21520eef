import { createHash } from 'node:crypto';
import { CLUSTER_BUS_PORT_OFFSET } from '../specfile/defaults.js';
import { firstDataNode, sentinelNodes, type NodePlan, type Topology } from './types.js';

/** A StatefulSet and its headless Service share this name; its pods are `<set>-0`, `<set>-1`, ... */
export type Component = 'redis' | 'sentinel' | 'node';

export interface KubePod {
  /** The planned node this pod runs (`redis-1`, `sentinel-2`, `node-3`). */
  nodeId: string;
  component: Component;
  /** StatefulSet = headless Service name. */
  set: string;
  /** Pod name = its hostname = its ConfigMap key (`<pod>.conf`). */
  pod: string;
  /** What it announces: `<pod>.<set>`, resolved through the namespace's search path. */
  dnsName: string;
}

export interface KubeLayout {
  /** Every object's name starts with this (the spec's name as a DNS label). */
  prefix: string;
  pods: KubePod[];
  /** The planned topology with Kubernetes names and ports: what the ConfigMaps are rendered from. */
  topology: Topology;
}

/** Leaves room for `-sentinel` + the pod ordinal, and for the controller's `-<revision hash>` label. */
const MAX_PREFIX = 40;
const HASH_LENGTH = 6;

/**
 * Names in Kubernetes are DNS labels: no underscore, a letter first, no '-' at the end, and room
 * for the suffixes. A name cut to fit ends in a hash of the whole name, so two long names that
 * begin alike still name different objects.
 */
export function kubePrefix(name: string): string {
  const dashed = name.replace(/_/g, '-');
  const label = /^[a-z]/.test(dashed) ? dashed : `r${dashed}`;
  if (label.length <= MAX_PREFIX) return label.replace(/-+$/, '');
  const hash = createHash('sha256').update(name).digest('hex').slice(0, HASH_LENGTH);
  return `${label.slice(0, MAX_PREFIX - HASH_LENGTH - 1).replace(/-+$/, '')}-${hash}`;
}

export const componentOf = (t: Topology, n: NodePlan): Component => (n.role === 'sentinel' ? 'sentinel' : t.kind === 'cluster' ? 'node' : 'redis');

/**
 * The planned topology as it runs on Kubernetes: hostname mode, every node announcing
 * `<pod>.<set>`. Every pod has its own address there, so all data nodes listen on the spec's
 * first data port and all sentinels on its first sentinel port (one port per StatefulSet,
 * which is what a Service can name).
 */
export function kubeLayout(t: Topology): KubeLayout {
  const prefix = kubePrefix(t.name);
  const dataPort = firstDataNode(t).port;
  const sentinelPort = sentinelNodes(t)[0]?.port;
  const pods: KubePod[] = [];
  const ordinals = new Map<Component, number>();
  const nodes = t.nodes.map((n): NodePlan => {
    const component = componentOf(t, n);
    const ordinal = ordinals.get(component) ?? 0;
    ordinals.set(component, ordinal + 1);
    const set = `${prefix}-${component}`;
    const pod = `${set}-${ordinal}`;
    const dnsName = `${pod}.${set}`;
    pods.push({ nodeId: n.id, component, set, pod, dnsName });
    // No sentinel before this one: it is the first, and its port is the sentinels' port.
    const port = n.role === 'sentinel' ? (sentinelPort ?? n.port) : dataPort;
    return { ...n, host: dnsName, announceIp: dnsName, port, ...(n.busPort !== undefined && { busPort: port + CLUSTER_BUS_PORT_OFFSET }) };
  });
  return { prefix, pods, topology: { ...t, announce: 'hostnames', nodes } };
}

/** The pod that runs a planned node: kubeLayout makes one for every node. */
export function podOf(layout: KubeLayout, nodeId: string): KubePod {
  const pod = layout.pods.find((p) => p.nodeId === nodeId);
  if (!pod) throw new Error(`kubeLayout of ${layout.prefix} has no pod for node ${nodeId}`);
  return pod;
}
