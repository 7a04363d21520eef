import { compareEnvironment, hostEnvironment, type ServerFacts } from '../environment.js';
import { UNKNOWN_SERVER } from '../../servers/identity.js';
import { comparePorts, DEFAULT_COMPARE, type CompareKind } from './defaults.js';
import { measureTopology, type MeasureOptions } from './measure.js';
import type { CompareResult, CompareSettings, TopologyMeasurement } from './types.js';
import { decision } from './decision.js';
import { compareRows } from './verdicts.js';

export interface CompareOptions {
  settings: CompareSettings;
  /** Ports per kind; the default is comparePorts(DEFAULT_COMPARE.portBase). */
  ports?: Partial<Record<CompareKind, { portBase: number; sentinelPortBase?: number }>>;
  signal?: AbortSignal;
  onProgress?: (message: string) => void;
  start?: MeasureOptions['start'];
}

/** `redis-arc compare`: each topology booted, measured and torn down in turn, then the analysis' table. */
export async function runCompare(o: CompareOptions): Promise<CompareResult> {
  // Read before any topology is booted: the load average is the machine's, not ours.
  const host = hostEnvironment();
  const measurements: TopologyMeasurement[] = [];
  let facts: ServerFacts = { redisVersion: 'unknown', server: UNKNOWN_SERVER };
  // One at a time: two topologies running together would share the cores each one is measured on.
  for (const kind of o.settings.topologies) {
    const { redisVersion, server, ...m } = await measureTopology({
      kind,
      settings: o.settings,
      ports: o.ports?.[kind] ?? comparePorts(DEFAULT_COMPARE.portBase)[kind],
      ...(o.signal && { signal: o.signal }),
      ...(o.onProgress && { onProgress: o.onProgress }),
      ...(o.start && { start: o.start }),
    });
    facts = { redisVersion, server };
    measurements.push(m);
  }
  const environment = compareEnvironment({ ...facts, ...host });
  const ahead = decision(measurements);
  return {
    schemaVersion: 1,
    result: 'compare',
    environment,
    settings: o.settings,
    measurements,
    rows: compareRows({ environment, settings: o.settings, measurements }),
    ...(ahead && { decision: ahead }),
  };
}
