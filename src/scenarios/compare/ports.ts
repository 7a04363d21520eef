import { ArcError } from '../../errors/index.js';
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
  const counts = nodeCounts({ kind, sentinel: DEFAULT_SENTINEL, cluster: DEFAULT_CLUSTER });
  const ports = blockPorts(bases, { ...counts, cluster: kind === 'cluster' });
  const held = holdPorts(ports);
  if ('heldBy' in held) {
    throw new ArcError(
      `compare: the ${kind} ports from ${bases.portBase} are held by another redis-arc process (pid ${held.heldBy}); wait for it to end or give --port-base another block`,
    );
  }
  return { [Symbol.dispose]: held.release };
}
