import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ArcError } from '../errors/index.js';
import { tryListen } from '../runtime/local/preflight.js';
import { CLUSTER_BUS_PORT_OFFSET } from '../specfile/defaults.js';
import { pidExists } from '../system/proc.js';

/**
 * Where topologies are placed by default: every port, cluster bus ports included, stays below
 * 32768, where Linux starts handing out ephemeral ports for outgoing connections.
 */
export const DEFAULT_PORT_RANGE: PortRange = { from: 10_000, to: 32_767 - CLUSTER_BUS_PORT_OFFSET };
/** Ports are reserved in aligned slots of this size, one lock file per slot. */
const SLOT = 16;
const ATTEMPTS = 64;

export interface PortRange {
  /** First data port the library may use. */
  from: number;
  /** Last data port (cluster bus ports are these plus 10000). */
  to: number;
}

export interface PortBlock {
  portBase: number;
  sentinelPortBase: number;
  /** Every port the topology listens on. */
  ports: number[];
  release(): void;
}

/** Names the port range for every topology a run starts, e.g. REDIS_ARC_TESTING_PORTS=9000-9999 (CI sharing a host). */
export const PORTS_ENV = 'REDIS_ARC_TESTING_PORTS';

/** The range `ports` names, else the one in the environment, else the default; read once per start(). */
export function portRange(given: PortRange | undefined, env: NodeJS.ProcessEnv = process.env): PortRange {
  if (given) return given;
  const text = env[PORTS_ENV];
  if (!text) return DEFAULT_PORT_RANGE;
  const m = /^(\d+)-(\d+)$/.exec(text.trim());
  if (!m || Number(m[1]) > Number(m[2])) throw new ArcError(`redis-arc: ${PORTS_ENV}=${text} is not a port range like 9000-9999`);
  return { from: Number(m[1]), to: Number(m[2]) };
}

const lockDir = () => join(tmpdir(), 'redis-arc-testing-ports');

/**
 * Pick a free block of ports: data ports, then sentinel ports, in one run (cluster bus ports
 * 10000 above). A random aligned block is locked (an O_EXCL file per slot naming this pid, so
 * parallel test files and processes never pick the same one; a dead holder's lock is taken over)
 * and every port is bind-tested before it is handed out.
 */
export async function reservePorts(data: number, sentinels: number, cluster: boolean, range: PortRange = DEFAULT_PORT_RANGE): Promise<PortBlock> {
  const size = Math.ceil((data + sentinels) / SLOT) * SLOT;
  const firstSlot = Math.ceil(range.from / SLOT);
  const slots = Math.floor((range.to + 1) / SLOT) - firstSlot - size / SLOT + 1;
  if (slots < 1) throw new ArcError(`ports ${range.from}-${range.to} cannot hold ${data + sentinels} ports; give a wider range`);
  mkdirSync(lockDir(), { recursive: true });
  for (let i = 0; i < ATTEMPTS; i++) {
    const base = (firstSlot + Math.floor(Math.random() * slots)) * SLOT;
    const ports = Array.from({ length: data + sentinels }, (_, k) => base + k);
    if (cluster) ports.push(...ports.slice(0, data).map((p) => p + CLUSTER_BUS_PORT_OFFSET));
    const held = lockSlots([...new Set(ports.map((p) => Math.floor(p / SLOT)))]);
    if (!held) continue;
    const busy = (await Promise.all(ports.map((p) => tryListen('127.0.0.1', p)))).some(Boolean);
    if (busy) {
      held();
      continue;
    }
    return { portBase: base, sentinelPortBase: base + data, ports, release: held };
  }
  throw new ArcError(`no free block of ${data + sentinels} ports in ${range.from}-${range.to} after ${ATTEMPTS} tries`);
}

/** Lock every slot or none; the returned function unlocks them. */
function lockSlots(slots: number[]): (() => void) | undefined {
  const taken: string[] = [];
  const release = () => taken.forEach((f) => rmQuiet(f));
  for (const slot of slots) {
    const file = join(lockDir(), `${slot}.lock`);
    if (!lockFile(file)) {
      release();
      return undefined;
    }
    taken.push(file);
  }
  return release;
}

function lockFile(file: string): boolean {
  for (let tries = 0; tries < 2; tries++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      return true;
    } catch {
      const holder = Number(readQuiet(file));
      if (pidExists(holder)) return false;
      rmQuiet(file); // its process died: the ports are free again once bind-tested
    }
  }
  return false;
}

function readQuiet(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function rmQuiet(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // already gone
  }
}
