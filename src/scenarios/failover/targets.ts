import { UsageError } from '../../errors/index.js';
import { printableValue } from '../../errors/printable.js';
import { parseEndpoint, sameEndpoint } from '../../redis/endpoint.js';
import type { Runtime } from '../../runtime/runtime.js';
import { checkNetworkFault, parsePartition } from '../faults/fault-network.js';
import type { Fault, NetworkFaultId } from '../faults/names.js';
import type { TrialTopology } from './trial/options.js';

const NETWORK_FAULTS: readonly Fault[] = ['partition', 'isolate', 'hang-clients'] satisfies NetworkFaultId[];
const isNetworkFault = (f: Fault): f is NetworkFaultId => NETWORK_FAULTS.includes(f);

/**
 * `--target`, `--partition` and what a network fault needs, checked before anything connects:
 * a run that would stop at the fault must not first spend the warm-up. A `--target` or a side
 * that names no node is a usage error (exit 2) whatever the fault.
 */
export async function checkTargetsUpFront(o: { topology: TrialTopology; fault: Fault; node?: string; partition?: string }): Promise<void> {
  const { runtime, project } = o.topology;
  // The user's own fault command may aim at what is no planned node; its address must still parse.
  if (o.node !== undefined) checkTarget(o.node, o.fault === 'command' && isAddress(o.node) ? undefined : runtime);
  if (isNetworkFault(o.fault)) {
    const checked = await checkNetworkFault(o.fault, runtime, project?.dir);
    if (o.partition !== undefined) parsePartition(o.partition, checked.runtime.topology.nodes);
  }
}

/** A planned node's id or address when redis-arc runs the topology; an address (host:port) when attached. */
function checkTarget(node: string, runtime: Runtime | undefined): void {
  const shown = printableValue(node.slice(0, 100));
  if (!runtime) {
    if (!isAddress(node)) throw new UsageError(`--target ${shown}: expected a node's address (host:port) on an attached topology, e.g. 127.0.0.1:6380`);
    parseTargetAddress(node, shown);
    return;
  }
  const nodes = runtime.topology.nodes;
  if (nodes.some((n) => n.id === node)) return;
  if (isAddress(node)) {
    const ep = parseTargetAddress(node, shown);
    if (nodes.some((n) => sameEndpoint(runtime.endpoint(n), ep))) return;
  }
  throw new UsageError(`--target ${shown}: no such node; nodes: ${nodes.map((n) => `${n.id} (${formatAddress(runtime, n.id)})`).join(', ')}`);
}

const isAddress = (text: string) => /:\d+$/.test(text);

function parseTargetAddress(node: string, shown: string) {
  try {
    return parseEndpoint(node);
  } catch (err) {
    throw new UsageError(`--target ${shown}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function formatAddress(runtime: Runtime, id: string): string {
  const n = runtime.topology.nodes.find((p) => p.id === id);
  if (!n) return '?';
  const ep = runtime.endpoint(n);
  return `${ep.host}:${ep.port}`;
}
