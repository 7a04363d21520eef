import { addressesFrom } from '../../../probe/addresses.js';
import { parseClusterNodes } from '../../../probe/cluster-nodes.js';
import { withClient } from '../../../probe/client.js';
import { formatEndpoint, parseEndpoint, sameEndpoint, type Endpoint } from '../../../redis/endpoint.js';
import type { HealthReport } from '../../../probe/health-report.js';
import { type Target } from '../../../redis/target.js';
import { probeClientOptions } from '../../../probe/client.js';
import type { Runtime } from '../../../runtime/runtime.js';
import { CannotRunError, type FaultTarget } from '../../faults/index.js';
import { UsageError } from '../../../errors/index.js';
import { printableValue } from '../../../errors/printable.js';

export interface Named {
  ep: Endpoint;
  name: string;
}

/** Who is hit, who watches, and who should take over. */
export interface TrialPlan {
  target: FaultTarget;
  /** Sentinels to subscribe to (sentinel kind). */
  sentinels: Named[];
  /** Cluster: nodes that report the target's flags, and the target's replicas (promotion). */
  observers: Named[];
  replicas: Named[];
  /** A master was hit: the trial waits for a promotion before it settles. */
  expectPromotion: boolean;
}

/**
 * `anyTarget`: the user's own fault command (`--fault command`) may name in `--target` what the
 * sentinels do not announce (a pod's name): its placeholders carry the name as given.
 */
export async function planTrial(
  target: Target,
  health: HealthReport,
  opts: { runtime?: Runtime; node?: string; prefix: string; anyTarget?: boolean },
): Promise<TrialPlan> {
  // Planned ids (labels) when redis-arc runs the topology, else addresses; announced addresses mapped as probes map them.
  const addresses = addressesFrom(target);
  const name = (ep: Endpoint): string => addresses.label(ep) ?? formatEndpoint(ep);
  const named = (ep: Endpoint): Named => ({ ep, name: name(ep) });
  const byNode = opts.node ? nodeEndpoint(opts.node, opts.runtime) : undefined;

  if (target.kind === 'sentinel') {
    const master = health.master;
    if (!master) throw new CannotRunError(`the sentinels name no master '${target.masterName}'; run \`redis-arc status\``);
    const sentinels = health.sentinels.filter((s) => s.reachable).map((s) => named(s.address));
    const hit = byNode ?? master;
    const role = sameEndpoint(hit, master) ? 'master' : health.nodes.some((n) => sameEndpoint(n.address, hit)) ? 'replica' : 'sentinel';
    if (role === 'sentinel' && !opts.anyTarget && !health.sentinels.some((s) => sameEndpoint(s.address, hit))) {
      const known = [...health.nodes.map((n) => n.address), ...health.sentinels.map((s) => s.address)].map(name);
      throw new UsageError(`--target ${printableValue(opts.node ?? '')}: not a node of this topology; nodes: ${known.join(', ')}`);
    }
    return { target: { id: name(hit), address: hit, role }, sentinels, observers: [], replicas: [], expectPromotion: role === 'master' };
  }

  if (target.kind === 'cluster') {
    const seed = target.seeds[0];
    if (!seed) throw new Error('a cluster target has at least one seed node: none to ask for CLUSTER NODES');
    const { slot, text } = await withClient(
      seed,
      target.password,
      async (c) => ({
        slot: Number(await c.call('CLUSTER', 'KEYSLOT', opts.prefix)),
        text: String(await c.call('CLUSTER', 'NODES')),
      }),
      probeClientOptions(target),
    );
    // Nodes announce container addresses under docker bridge networking: use what the host reaches.
    const nodes = parseClusterNodes(text).map((n) => ({ ...n, address: addresses.reach(n.address) }));
    const owner = nodes.find((n) => n.flags.includes('master') && n.slots.some(([a, b]) => a <= slot && slot <= b));
    if (!owner) throw new CannotRunError(`no master owns slot ${slot} (of the queue prefix '${opts.prefix}'); is the cluster healthy?`);
    const entry = byNode ? nodes.find((n) => sameEndpoint(n.address, byNode)) : owner;
    if (!entry)
      throw new UsageError(
        `--target ${printableValue(opts.node ?? '')}: not a node of this cluster; nodes: ${nodes.map((n) => formatEndpoint(n.address)).join(', ')}`,
      );
    const replicas = nodes.filter((n) => n.masterId === entry.id).map((n) => named(n.address));
    const observers = nodes.filter((n) => n.id !== entry.id).map((n) => named(n.address));
    const role = entry.flags.includes('master') ? 'master' : 'replica';
    return {
      target: { id: name(entry.address), address: entry.address, role, clusterId: entry.id },
      sentinels: [],
      observers,
      replicas,
      expectPromotion: role === 'master' && replicas.length > 0,
    };
  }

  throw new CannotRunError('failover-test needs a sentinel or cluster topology: a standalone node has nothing to fail over to');
}

function nodeEndpoint(node: string, runtime: Runtime | undefined): Endpoint {
  const planned = runtime?.topology.nodes.find((n) => n.id === node);
  if (runtime && planned) return runtime.endpoint(planned);
  if (/^[^:]+:\d+$/.test(node)) return parseEndpoint(node);
  const known = runtime ? `; nodes: ${runtime.topology.nodes.map((n) => n.id).join(', ')}` : '';
  throw new UsageError(`--target ${printableValue(node)}: no such node${known}`);
}
