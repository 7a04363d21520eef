import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { comparePorts, DEFAULT_COMPARE, type CompareKind } from './defaults.js';
import { measureTopology, type MeasureOptions } from './measure.js';
import type { CompareEnvironment, CompareResult, CompareSettings, TopologyMeasurement } from './types.js';
import { decision } from './decision.js';
import { compareRows } from './verdicts.js';

export interface CompareOptions {
  settings: CompareSettings;
  /** Ports per kind; the default is comparePorts(DEFAULT_COMPARE.portBase). */
  ports?: Partial<Record<CompareKind, { portBase: number; sentinelPortBase?: number }>>;
  signal?: AbortSignal;
  onProgress?(message: string): void;
  start?: MeasureOptions['start'];
}

/** `redis-arc compare`: each topology booted, measured and torn down in turn, then the analysis' table. */
export async function runCompare(o: CompareOptions): Promise<CompareResult> {
  const loadAvg1 = Math.round(loadavg()[0]! * 100) / 100;
  const measurements: TopologyMeasurement[] = [];
  let redisVersion = 'unknown';
  // One at a time: two topologies running together would share the cores each one is measured on.
  for (const kind of o.settings.topologies) {
    const { redisVersion: v, ...m } = await measureTopology({
      kind,
      settings: o.settings,
      ports: o.ports?.[kind] ?? comparePorts(DEFAULT_COMPARE.portBase)[kind],
      ...(o.signal && { signal: o.signal }),
      ...(o.onProgress && { onProgress: o.onProgress }),
      ...(o.start && { start: o.start }),
    });
    redisVersion = v;
    measurements.push(m);
  }
  const environment = environmentOf(redisVersion, loadAvg1);
  const ahead = decision(measurements);
  return { schemaVersion: 1, result: 'compare', environment, settings: o.settings, measurements, rows: compareRows({ environment, settings: o.settings, measurements }), ...(ahead && { decision: ahead }) };
}

function environmentOf(redisVersion: string, loadAvg1: number): CompareEnvironment {
  const require = createRequire(import.meta.url);
  const bullmq = (require('bullmq/package.json') as { version: string }).version;
  return { cpus: cpus().length, loadAvg1, redisVersion, node: process.version, bullmq, at: new Date().toISOString() };
}
