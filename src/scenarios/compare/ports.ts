import { ArcError } from '../../errors/index.js';
import { tryListen } from '../../ports/listen.js';
import { blockPorts, holdPorts } from '../../ports/reserve.js';
import { DEFAULT_CLUSTER, DEFAULT_SENTINEL } from '../../specfile/defaults.js';
import { nodeCounts } from '../../specfile/ports.js';
import type { CompareKind } from './defaults.js';

/**
 * Hold the ports one topology of compare's block listens on (compare starts each kind with the
 * spec defaults) while it runs, through the allocator `redis-arc/testing` uses too: a second
 * compare on the same block, or a test topology, cannot take them meanwhile.
 */
export function holdComparePorts(kind: CompareKind, bases: { portBase: number; sentinelPortBase?: number }): Disposable {
  const ports = comparePortsOf(kind, bases);
  const held = holdPorts(ports);
  if ('heldBy' in held) {
    throw new ArcError(
      `compare: the ${kind} ports from ${bases.portBase} are held by another redis-arc process (pid ${held.heldBy}); wait for it to end or give --port-base another block`,
    );
  }
  return { [Symbol.dispose]: held.release };
}

function comparePortsOf(kind: CompareKind, bases: { portBase: number; sentinelPortBase?: number }): number[] {
  const counts = nodeCounts({ kind, sentinel: DEFAULT_SENTINEL, cluster: DEFAULT_CLUSTER });
  return blockPorts(bases, { ...counts, cluster: kind === 'cluster' });
}

/**
 * Bind-test the block before booting, with compare's own advice: compare has no redis-arc.yaml to
 * change (the start's preflight would say so), its ports come from --port-base.
 */
export async function requireFreeComparePorts(kind: CompareKind, bases: { portBase: number; sentinelPortBase?: number }): Promise<void> {
  const ports = comparePortsOf(kind, bases);
  const problems = await Promise.all(ports.map((port) => tryListen('127.0.0.1', port)));
  const i = problems.findIndex((p) => p !== undefined);
  if (i < 0) return;
  throw new ArcError(
    `compare: port ${ports[i]} (the ${kind} topology's, from --port-base) ${problems[i]}; stop what uses it ` +
      `(a node left by an earlier run? \`ss -ltnp 'sport = :${ports[i]}'\` names its process) or give --port-base another block`,
  );
}
