/**
 * Issue 14's "speed of a trial": N kill trials back to back on a Sentinel 1+2+3 topology at
 * down-after 1000, with failover-test's own warmup (2 s) and settle (2 s). Goal: 20 trials in at
 * most 4 minutes (12 s a trial), measurement untouched (healing starts after the window closed).
 * Prints each trial's wall time, and what it spent healing (heal + back to healthy: healedMs).
 * Usage: npx tsx bench/failover-trial-speed.ts [--trials N] [--kind sentinel|cluster] [--json FILE]. Ports 10100-10199.
 */
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { defaultPrefix } from '../src/connect/queue-prefix.js';
import { startTopology } from '../src/project/start.js';
import { DEFAULT_FAILOVER } from '../src/scenarios/failover/defaults.js';
import { runFailoverTest } from '../src/scenarios/failover/index.js';
import { DEFAULT_BOOT_TIMEOUT_MS } from '../src/runtime/defaults.js';

const { values } = parseArgs({
  options: { trials: { type: 'string', default: '20' }, kind: { type: 'string', default: 'sentinel' }, json: { type: 'string' } },
});
const trials = Number(values.trials);
const kind = values.kind === 'cluster' ? 'cluster' : 'sentinel';
const GOAL_MS = 12_000;

const topo = await startTopology(kind, {
  ...(kind === 'sentinel' ? { portBase: 10100, sentinelPortBase: 10150, downAfterMs: 1000 } : { portBase: 10100, nodeTimeoutMs: 1000 }),
  dirPrefix: 'redis-arc-bench-trial-speed-',
  timeoutMs: DEFAULT_BOOT_TIMEOUT_MS,
});
const walls: number[] = [];
let last = performance.now();
const t0 = last;
// Explicit disposal: the process.exit at the end would skip an `await using`.
const r = await runFailoverTest({
  ...DEFAULT_FAILOVER,
  topology: topo,
  fault: 'kill',
  trials,
  prefix: defaultPrefix(kind),
  thresholds: {},
  onProgress: (m) => {
    // "trial N: ..." lines: a new trial number closes the previous one's wall time.
    const n = Number(/^trial (\d+):/.exec(m)?.[1]);
    if (n > walls.length + 1) {
      const now = performance.now();
      walls.push(Math.round(now - last));
      last = now;
    }
    process.stderr.write(`\r${m}`.slice(0, 100).padEnd(100));
  },
}).catch(async (err: unknown) => {
  await topo[Symbol.asyncDispose]();
  throw err;
});
walls.push(Math.round(performance.now() - last));
const totalMs = Math.round(performance.now() - t0);
const out = {
  schemaVersion: 1,
  bench: 'failover-trial-speed',
  node: process.version,
  cpus: cpus().length,
  at: new Date().toISOString(),
  kind,
  fault: 'kill',
  downAfterMs: 1000,
  warmupMs: DEFAULT_FAILOVER.warmupMs,
  settleMs: DEFAULT_FAILOVER.settleMs,
  trials: r.trials.length,
  totalMs,
  perTrialMs: walls,
  healedMs: r.trials.map((t) => t.healedMs),
  promote_ms: r.trials.map((t) => t.metrics.promote_ms),
  verdicts: r.trials.map((t) => t.verdict),
  goal: { rule: `${trials} kill trials within ${(trials * GOAL_MS) / 1000} s (12 s a trial)`, met: totalMs <= trials * GOAL_MS },
};
process.stderr.write(`\n${JSON.stringify({ totalMs, perTrialMs: walls, healedMs: out.healedMs, goal: out.goal.met })}\n`);
await topo[Symbol.asyncDispose]();
const text = `${JSON.stringify(out, null, 2)}\n`;
if (values.json) writeFileSync(values.json, text);
process.stdout.write(text);
process.exit(0);
