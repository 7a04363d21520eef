import { ArcError } from '../errors/index.js';
import { DEFAULT_PORT_RANGE, type PortSearchRange } from '../ports/reserve.js';

export { DEFAULT_PORT_RANGE, reservePorts, type PortBlock, type PortSearchRange } from '../ports/reserve.js';

/** @deprecated The name this type had: use `PortSearchRange` (the spec file's port ranges are another type). */
export type PortRange = PortSearchRange;

/** Names the port range for every topology a run starts, e.g. REDIS_ARC_TESTING_PORTS=9000-9999 (CI sharing a host). */
export const PORTS_ENV = 'REDIS_ARC_TESTING_PORTS';

/** The range `ports` names, else the one in the environment, else the default; read once per start(). */
export function portRange(given: PortSearchRange | undefined, env: NodeJS.ProcessEnv = process.env): PortSearchRange {
  if (given) return given;
  const text = env[PORTS_ENV];
  if (!text) return DEFAULT_PORT_RANGE;
  const m = /^(\d+)-(\d+)$/.exec(text.trim());
  if (!m || Number(m[1]) > Number(m[2])) throw new ArcError(`redis-arc: ${PORTS_ENV}=${text} is not a port range like 9000-9999`);
  return { from: Number(m[1]), to: Number(m[2]) };
}
