/**
 * One full `redis-arc compare` run (issue 19): sentinel, cluster and standalone booted, measured and
 * torn down in turn with compare's defaults (down-after = node-timeout 5000 ms, the seed analysis'
 * own), and the table with its verdicts. Not bench/compare.ts, which is tool-vs-raw-BullMQ.
 * Usage: npx tsx bench/compare-topologies.ts [--trials N] [--down-after MS] [--json FILE]; prints the
 * table, writes JSON (trial timelines and event lists left out: the summaries and per-trial metrics
 * stay). Ports 24500-24549 (cluster bus 34520-34525).
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { compareText } from '../src/report/compare.js';
import { DEFAULT_COMPARE } from '../src/scenarios/compare/defaults.js';
import { runCompare } from '../src/scenarios/compare/index.js';

const { values } = parseArgs({
  options: {
    trials: { type: 'string', default: String(DEFAULT_COMPARE.trials) },
    'down-after': { type: 'string', default: String(DEFAULT_COMPARE.downAfterMs) },
    json: { type: 'string' },
  },
});

const started = performance.now();
const result = await runCompare({
  settings: {
    topologies: ['sentinel', 'cluster', 'standalone'],
    downAfterMs: Number(values['down-after']),
    trials: Number(values.trials),
    queues: DEFAULT_COMPARE.queues,
    failover: DEFAULT_COMPARE.failover,
    latency: DEFAULT_COMPARE.latency,
    throughput: DEFAULT_COMPARE.throughput,
  },
  ports: { sentinel: { portBase: 24500, sentinelPortBase: 24510 }, cluster: { portBase: 24520 }, standalone: { portBase: 24540 } },
  onProgress: (m) => process.stderr.write(`${m}\n`),
});
const wallMs = Math.round(performance.now() - started);

console.log(compareText(result));
console.log(`\nwhole run: ${(wallMs / 1000).toFixed(0)} s`);

const slim = {
  ...result,
  measurements: result.measurements.map((m) => ({
    ...m,
    failover: Object.fromEntries(Object.entries(m.failover).map(([k, r]) => [k, { ...r, trials: r.trials.map(({ timeline: _t, events: _e, ...t }) => t) }])),
  })),
};
if (values.json) writeFileSync(values.json, `${JSON.stringify({ bench: 'compare-topologies', wallMs, ...slim }, null, 2)}\n`);
