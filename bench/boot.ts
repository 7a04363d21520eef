/**
 * How long `up` takes to a verified-healthy topology on the local runtime, per shape.
 * Usage: npx tsx bench/boot.ts [--runs N] [--json FILE]. Prints JSON (ports 22000-22299; cluster bus ports stay below the ephemeral range).
 * Goals (issue 3): sentinel 1+2+3 <= 2 s, cluster 3x1 <= 3 s, cluster 10x2 <= 15 s.
 */
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { checkHealth } from '../src/probe/health.js';
import { startTopology } from '../src/project/start.js';
import { DEFAULT_BOOT_TIMEOUT_MS } from '../src/runtime/defaults.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, json: { type: 'string' } } });
const runs = Number(values.runs);

const SHAPES = [
  { name: 'sentinel 1+2+3', kind: 'sentinel' as const, opts: { portBase: 22000, sentinelPortBase: 22050, downAfterMs: 1000 }, goalMs: 2000 },
  { name: 'cluster 3x1', kind: 'cluster' as const, opts: { portBase: 22100, nodeTimeoutMs: 1000 }, goalMs: 3000 },
  { name: 'cluster 10x2', kind: 'cluster' as const, opts: { portBase: 22200, masters: 10, replicasPerMaster: 2, nodeTimeoutMs: 1000 }, goalMs: 15000 },
];

const results = [];
for (const shape of SHAPES) {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    await using topo = await startTopology(shape.kind, { ...shape.opts, dirPrefix: 'redis-arc-bench-', timeoutMs: DEFAULT_BOOT_TIMEOUT_MS });
    const verdict = (await checkHealth(topo.target)).verdict;
    if (verdict !== 'healthy') throw new Error(`${shape.name}: boot said healthy, a second look says ${verdict}`);
    times.push(topo.booted.elapsedMs);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const medianMs = sorted[Math.floor(sorted.length / 2)]!;
  results.push({ shape: shape.name, runsMs: times, medianMs, goalMs: shape.goalMs, withinGoal: medianMs <= shape.goalMs });
  process.stderr.write(`${shape.name}: median ${medianMs} ms (runs ${times.join(', ')}; goal ${shape.goalMs})\n`);
}
const out = { schemaVersion: 1, bench: 'boot', node: process.version, cpus: cpus().length, runs, results };
const text = `${JSON.stringify(out, null, 2)}\n`;
if (values.json) writeFileSync(values.json, text);
process.stdout.write(text);
// A script: exit even if a library left a handle open (the CLI does the same).
process.exit(0);
