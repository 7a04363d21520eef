import * as hdr from 'hdr-histogram-js';
import type { Percentiles } from './types.js';

/** Latencies in microseconds, up to an hour, 3 significant digits (HdrHistogram's usual setting). */
export function latencyHistogram(): hdr.Histogram {
  return hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: 3 });
}

export const recordMs = (h: hdr.Histogram, ms: number): void => h.recordValue(Math.max(1, Math.round(ms * 1000)));

export function percentilesMs(h: hdr.Histogram): Percentiles {
  const at = (p: number) => round(h.getValueAtPercentile(p) / 1000);
  return { p50: at(50), p90: at(90), p99: at(99), p999: at(99.9), max: round(h.maxValue / 1000) };
}

const round = (ms: number) => Math.round(ms * 100) / 100;

/** The run whose p50 is the median run's (the upper one of an even count) stands for a set of runs: percentiles do not average. */
export function medianByP50(runs: Percentiles[]): Percentiles | undefined {
  const byP50 = [...runs].sort((a, b) => a.p50 - b.p50);
  return byP50[Math.floor(byP50.length / 2)];
}
