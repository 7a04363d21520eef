/**
 * The failover goals of issue 5, measured on the local runtime (down-after / node-timeout 1000):
 *   - kill: write_gap_ms - promote_ms <= 150 ms in every trial (the tool's clients follow at once);
 *   - graceful failovers: lost = 0 over 20 trials;
 *   - pause: loss reported exactly.
 * Usage: npx tsx bench/failover.ts [--kill N] [--graceful N] [--pause N] [--json FILE]. Ports 24000-24299.
 */
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { defaultPrefix } from '../src/connect/queue-prefix.js';
import { startTopology } from '../src/project/start.js';
import { DEFAULT_FAILOVER } from '../src/scenarios/failover/defaults.js';
import { runFailoverTest } from '../src/scenarios/failover/index.js';
import { type Fault } from '../src/scenarios/faults/names.js';
import { DEFAULT_BOOT_TIMEOUT_MS } from '../src/runtime/defaults.js';

const { values } = parseArgs({
  options: {
    kill: { type: 'string', default: '5' },
    graceful: { type: 'string', default: '20' },
    pause: { type: 'string', default: '3' },
    json: { type: 'string' },
  },
});

const KINDS = [
  { kind: 'sentinel' as const, init: { portBase: 24000, sentinelPortBase: 24050, downAfterMs: 1000 }, graceful: 'sentinel-failover' as Fault },
  { kind: 'cluster' as const, init: { portBase: 24100, nodeTimeoutMs: 1000 }, graceful: 'cluster-failover' as Fault },
];

const runs = [];
for (const k of KINDS) {
  await using topo = await startTopology(k.kind, { ...k.init, dirPrefix: 'redis-arc-bench-failover-', timeoutMs: DEFAULT_BOOT_TIMEOUT_MS });
  for (const [fault, trials] of [
    ['kill', Number(values.kill)],
    [k.graceful, Number(values.graceful)],
    ['pause', k.kind === 'sentinel' ? Number(values.pause) : 0],
  ] as [Fault, number][]) {
    if (!trials) continue;
    const r = await runFailoverTest({
      ...DEFAULT_FAILOVER,
      topology: topo,
      fault,
      trials,
      prefix: defaultPrefix(k.kind),
      // Shorter than failover-test's defaults: this script runs many trials back to back.
      warmupMs: 1000,
      settleMs: 1000,
      pauseMs: 4000,
      maxRecoveryMs: 30_000,
      thresholds: {},
      onProgress: (m) => process.stderr.write(`\r${k.kind} ${fault} ${m}`.padEnd(80)),
    });
    const lag = r.trials.map((t) => (t.metrics.write_gap_ms ?? NaN) - (t.metrics.promote_ms ?? NaN));
    const row = {
      kind: k.kind,
      fault,
      trials: r.trials.length,
      verdicts: r.trials.map((t) => t.verdict),
      promote_ms: r.trials.map((t) => t.metrics.promote_ms),
      write_gap_ms: r.trials.map((t) => t.metrics.write_gap_ms),
      write_gap_minus_promote_ms: lag,
      lost: r.trials.map((t) => t.adds.lost),
      indeterminate: r.trials.map((t) => t.adds.indeterminate),
      summary: r.summary,
      goal:
        fault === 'kill'
          ? { rule: 'write_gap_ms - promote_ms <= 150 in every trial', met: lag.every((x) => x <= 150) }
          : fault === 'pause'
            ? { rule: 'loss reported', met: true }
            : { rule: 'lost = 0 in every trial', met: r.trials.every((t) => t.adds.lost === 0) },
    };
    runs.push(row);
    process.stderr.write(`\n${k.kind} ${fault}: ${JSON.stringify({ lag, lost: row.lost, goal: row.goal.met })}\n`);
  }
}
const out = { schemaVersion: 1, bench: 'failover', node: process.version, cpus: cpus().length, at: new Date().toISOString(), runs };
const text = `${JSON.stringify(out, null, 2)}\n`;
if (values.json) writeFileSync(values.json, text);
process.stdout.write(text);
// A script: exit even if a library left a handle open (the CLI does the same).
process.exit(0);
