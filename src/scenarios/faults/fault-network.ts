import { UsageError } from '../../errors/index.js';
import { applyCut, removeTable, requireNft } from '../../network/nft.js';
import { between, type Cut, type DropRule } from '../../network/ruleset.js';
import { projectTable } from '../../network/table-name.js';
import type { Runtime } from '../../runtime/runtime.js';
import { LOOPBACK } from '../../topology/address.js';
import type { NodePlan } from '../../topology/types.js';
import { CannotRunError } from './cannot-run.js';
import type { FaultContext } from './fault.js';
import type { NetworkFaultId } from './names.js';

/** The refusal of a network fault on a topology redis-arc did not start here. */
export const cutsLocalNetwork = (fault: NetworkFaultId): string =>
  `--fault ${fault} cuts the network between nodes redis-arc started on this machine (local runtime); on an attached topology use --fault-cmd`;

/** What the trial's progress line says while a network fault lasts. */
export const NETWORK_IN_PLACE = { whileInPlace: 'network fault in place' };

/** The heal event's text of every network fault. */
export const NETWORK_RESTORED = 'network restored (nftables table deleted)';

/** A fault context as injectNetwork's options: `--partition` names the sides whichever network fault it is. */
export const networkOptions = (ctx: FaultContext, runtime: Runtime) => ({
  runtime,
  ...(ctx.projectDir !== undefined && { projectDir: ctx.projectDir }),
  targetId: ctx.target.id,
  faultMs: ctx.pauseMs,
  ...(ctx.partition !== undefined && { partition: ctx.partition }),
});

/** A network fault as injected: healed by deleting the table, after `faultMs` or when the trial heals it first. */
export interface NetworkFault {
  heal(): Promise<void>;
  readonly endedAt?: number;
  /** When the table was deleted (wall clock), for the timeline's heal mark. */
  readonly endedEpochMs?: number;
  detail: string;
  /** The node ids on the target's side of the cut (split brain: what they acknowledge is at risk); none for hang-clients. */
  cutOff?: string[];
}

/**
 * What a network fault needs, checked before any load starts and again at injection: the nodes are
 * processes of this machine (the local runtime; the table is named after the project folder), each
 * on its own loopback address, and nft can be run (root).
 */
export async function checkNetworkFault(fault: NetworkFaultId, runtime?: Runtime, projectDir?: string): Promise<{ runtime: Runtime; projectDir: string }> {
  if (runtime?.name !== 'local' || !projectDir) throw new CannotRunError(cutsLocalNetwork(fault));
  if (runtime.topology.addresses !== 'per-node') {
    throw new CannotRunError(
      `--fault ${fault} needs each node on its own loopback address: set network.addresses: per-node in redis-arc.yaml (or init --addresses per-node), then \`redis-arc down --purge && redis-arc up\``,
    );
  }
  await requireNft();
  return { runtime, projectDir };
}

/**
 * `partition`: the target's side cut off from every other node (clients on 127.0.0.1 still reach
 * both sides); `--partition 'a,b|c,d'` names the sides. `isolate`: the target cut off from
 * everything, clients included. `hang-clients`: clients' packets to the target's port dropped,
 * nodes still see each other. All by address: nodes have their own (`network.addresses: per-node`).
 */
export async function injectNetwork(
  fault: NetworkFaultId,
  o: { runtime?: Runtime; projectDir?: string; targetId: string; faultMs: number; partition?: string },
): Promise<NetworkFault> {
  const { runtime, projectDir } = await checkNetworkFault(fault, o.runtime, o.projectDir);
  const nodes = runtime.topology.nodes;
  const target = nodes.find((n) => n.id === o.targetId);
  if (!target) throw new CannotRunError(`--fault ${fault}: ${o.targetId} is not a node redis-arc planned; nodes: ${nodes.map((n) => n.id).join(', ')}`);
  const { cut, cutOff } = planCut(fault, target, nodes, o.partition);
  const table = projectTable(projectDir);
  await applyCut(table, cut);

  const state: { endedAt?: number; endedEpochMs?: number } = {};
  let healing: Promise<void> | undefined;
  const heal = () =>
    (healing ??= (async () => {
      clearTimeout(timer);
      await removeTable(table);
      state.endedAt = performance.now();
      state.endedEpochMs = Date.now();
    })());
  const timer = setTimeout(() => void heal().catch(() => undefined), o.faultMs);
  return {
    heal,
    detail: `${cut.describe} for ${o.faultMs} ms (nftables table ${table})`,
    ...(cutOff.length && { cutOff }),
    get endedAt() {
      return state.endedAt;
    },
    get endedEpochMs() {
      return state.endedEpochMs;
    },
  };
}

/** The drop rules of a fault, and the side cut off with the target. */
export function planCut(fault: NetworkFaultId, target: NodePlan, nodes: NodePlan[], partition?: string): { cut: Cut; cutOff: string[] } {
  const hosts = (ns: NodePlan[]) => ns.map((n) => n.host);
  if (partition !== undefined || fault === 'partition') {
    const groups = partition !== undefined ? parsePartition(partition, nodes) : [[target], nodes.filter((n) => n.id !== target.id)];
    const rules: DropRule[] = [];
    groups.forEach((side, i) => groups.slice(i + 1).forEach((other) => rules.push(...between(hosts(side), hosts(other)))));
    const describe = `partition ${groups.map((g) => g.map((n) => n.id).join(',')).join(' | ')}`;
    const side = groups.find((g) => g.some((n) => n.id === target.id));
    // A node named on no side stays connected to all: the node hit is then cut off from nothing.
    if (!side) return { cut: { rules, describe: `${describe} (${target.id}, the node hit, is on no side: connected to all)` }, cutOff: [] };
    return { cut: { rules, describe }, cutOff: side.map((n) => n.id) };
  }
  if (fault === 'isolate') {
    // Everything to and from the target's address: peers and clients alike; the process keeps running.
    return { cut: { rules: [{ from: [target.host] }, { to: [target.host] }], describe: `isolate ${target.id}` }, cutOff: [target.id] };
  }
  if (fault === 'hang-clients') {
    // Only the clients' connections (from 127.0.0.1) to the target's port: no reset, no error, nothing passes.
    const rules: DropRule[] = [
      { from: [LOOPBACK], to: [target.host], toPort: target.port },
      { from: [target.host], to: [LOOPBACK], fromPort: target.port },
    ];
    return { cut: { rules, describe: `hang-clients of ${target.id}` }, cutOff: [] };
  }
  const unknown: never = fault;
  throw new Error(`${String(unknown)} is not a network fault`);
}

/** `redis-1,sentinel-1|redis-2,redis-3`: at least two sides, every name a planned node, none on two sides. */
export function parsePartition(text: string, nodes: NodePlan[]): NodePlan[][] {
  const sides = text.split('|').map((side) =>
    side
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
  if (sides.length < 2 || sides.some((s) => !s.length)) {
    throw new UsageError(
      `--partition '${text.slice(0, 200)}': expected two or more sides separated by |, each a comma-separated list of nodes, e.g. 'redis-1,sentinel-1|redis-2,redis-3'`,
    );
  }
  const seen = new Set<string>();
  return sides.map((side) =>
    side.map((id) => {
      const node = nodes.find((n) => n.id === id);
      if (!node) throw new UsageError(`--partition: no node '${id.slice(0, 64)}'; nodes: ${nodes.map((n) => n.id).join(', ')}`);
      if (seen.has(id)) throw new UsageError(`--partition: ${id} is on two sides`);
      seen.add(id);
      return node;
    }),
  );
}
