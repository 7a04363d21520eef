import { ArcError } from '../errors/index.js';
import { CLUSTER_BUS_PORT_OFFSET } from '../specfile/defaults.js';
import { tryListen } from './listen.js';
import { lockSlots, SLOT, slotsOf } from './slot-locks.js';

/**
 * The one port allocator: `redis-arc/testing` reserves a random free block in a range
 * (`reservePorts`), `compare` holds the fixed block `--port-base` names (`holdPorts`); both lock
 * the same slot files, so neither hands out ports the other is using.
 */

/** Where `reservePorts` looks for a free block. */
export interface PortSearchRange {
  /** First data port the allocator may use. */
  from: number;
  /** Last data port (cluster bus ports are these plus 10000). */
  to: number;
}

/**
 * Where topologies are placed by default: every port, cluster bus ports included, stays below
 * 32768, where Linux starts handing out ephemeral ports for outgoing connections.
 */
export const DEFAULT_PORT_RANGE: PortSearchRange = { from: 10_000, to: 32_767 - CLUSTER_BUS_PORT_OFFSET };
const ATTEMPTS = 64;

/** How many nodes listen, and whether each data node also has a cluster bus port. */
export interface NodeCounts {
  data: number;
  sentinels: number;
  cluster: boolean;
}

export interface PortBlock {
  portBase: number;
  sentinelPortBase: number;
  /** Every port the topology listens on. */
  ports: number[];
  /** The slot lock files held (the reaper removes them if this process is killed). */
  lockFiles: string[];
  release(): void;
}

/** Every port a topology listens on: data ports from `portBase`, sentinel ports from `sentinelPortBase`, cluster bus ports 10000 above the data ports. */
export function blockPorts(bases: { portBase: number; sentinelPortBase?: number }, n: NodeCounts): number[] {
  const data = Array.from({ length: n.data }, (_, k) => bases.portBase + k);
  const sentinelBase = bases.sentinelPortBase ?? bases.portBase + n.data;
  const sentinels = Array.from({ length: n.sentinels }, (_, k) => sentinelBase + k);
  return [...data, ...sentinels, ...(n.cluster ? data.map((p) => p + CLUSTER_BUS_PORT_OFFSET) : [])];
}

/**
 * Pick a free block of ports: data ports, then sentinel ports, in one run (cluster bus ports
 * 10000 above). A random aligned block is locked and every port is bind-tested before it is
 * handed out.
 */
export async function reservePorts(data: number, sentinels: number, cluster: boolean, range: PortSearchRange = DEFAULT_PORT_RANGE): Promise<PortBlock> {
  const size = Math.ceil((data + sentinels) / SLOT) * SLOT;
  const firstSlot = Math.ceil(range.from / SLOT);
  const slots = Math.floor((range.to + 1) / SLOT) - firstSlot - size / SLOT + 1;
  if (slots < 1) throw new ArcError(`ports ${range.from}-${range.to} cannot hold ${data + sentinels} ports; give a wider range`);
  for (let i = 0; i < ATTEMPTS; i++) {
    const base = (firstSlot + Math.floor(Math.random() * slots)) * SLOT;
    const ports = blockPorts({ portBase: base }, { data, sentinels, cluster });
    const held = lockSlots(slotsOf(ports));
    if ('heldBy' in held) continue;
    const busy = (await Promise.all(ports.map((p) => tryListen('127.0.0.1', p)))).some(Boolean);
    if (busy) {
      held.release();
      continue;
    }
    return { portBase: base, sentinelPortBase: base + data, ports, lockFiles: held.files, release: held.release };
  }
  throw new ArcError(`no free block of ${data + sentinels} ports in ${range.from}-${range.to} after ${ATTEMPTS} tries`);
}

/**
 * Hold the given ports (a fixed block) against other redis-arc processes: the function that lets
 * them go, or the pid of the live process that holds some of them. Not bind-tested: the start's
 * preflight names a port something else uses, with its node.
 */
export function holdPorts(ports: number[]): { release: () => void } | { heldBy: number } {
  return lockSlots(slotsOf(ports));
}
