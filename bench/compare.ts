/**
 * `npm run bench:compare`: the tool's `direct` mode against a plain BullMQ loop (bench/raw-bullmq.ts),
 * in one invocation on one local standalone topology (ports 24400-24499), runs interleaved.
 * Goal (issue 6): direct within 5% of raw; add-bulk and process c=100 at least as fast as raw.
 * Usage: npx tsx bench/compare.ts [--jobs N] [--runs N] [--json FILE]; prints JSON.
 */
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { closeConnection, connect } from '../src/connect/connect.js';
import { startTopology } from '../src/project/start.js';
import type { BenchContext } from '../src/scenarios/bench/context.js';
import { runAddBulk, runAdds, runProcess } from '../src/scenarios/bench/scenarios.js';
import { summarize } from '../src/scenarios/failover/measure/metrics.js';
import { rawAddBulk, rawAdds, rawProcess } from './raw-bullmq.js';
import { ownProfile } from '../src/profiles/builtin.js';

const { values } = parseArgs({ options: { jobs: { type: 'string', default: '5000' }, runs: { type: 'string', default: '5' }, json: { type: 'string' } } });
const jobs = Number(values.jobs);
const runs = Number(values.runs);

// A block of its own: the topology is stopped at its end, before the script exits.
const rows = await measure();
async function measure() {
  await using topo = await startTopology('standalone', { portBase: 24400, dirPrefix: 'redis-arc-compare-' });
  const { target } = topo;
  const { password } = topo.credentials;
  const raw = { host: '127.0.0.1', port: 24400, password };
  const settings = { jobs, inflight: 64, batch: 50, rate: 500, durationS: 5, runs, payloadBytes: 100, warmupJobs: 200, concurrencies: [100] };
  const ctx: BenchContext = { target, prefix: 'bull', settings, producerConn: connect(target, 'producer'), workerConn: connect(target, 'worker') };

  const pairs: Record<string, { tool: () => Promise<number>; raw: () => Promise<number> }> = {
    add: { tool: async () => (await runAdds(ctx, ownProfile(), 'direct', jobs, 1)).jobsPerSec, raw: () => rawAdds(raw, jobs, 1) },
    'add-concurrent': { tool: async () => (await runAdds(ctx, ownProfile(), 'direct', jobs, 64)).jobsPerSec, raw: () => rawAdds(raw, jobs, 64) },
    'add-bulk': { tool: async () => (await runAddBulk(ctx, jobs, 50)).jobsPerSec, raw: () => rawAddBulk(raw, jobs, 50) },
    'process c=100': { tool: async () => (await runProcess(ctx, ownProfile(), jobs, 100)).jobsPerSec, raw: () => rawProcess(raw, jobs, 100) },
  };

  const rows = [];
  try {
    for (const [name, p] of Object.entries(pairs)) {
      await p.tool();
      await p.raw(); // warm-up
      const tool: number[] = [];
      const rawRates: number[] = [];
      for (let r = 0; r < runs; r++) {
        tool.push(await p.tool());
        rawRates.push(await p.raw());
      }
      const t = summarize(tool).median!;
      const w = summarize(rawRates).median!;
      const ratio = Math.round((t / w) * 1000) / 1000;
      rows.push({ scenario: name, toolJobsPerSec: tool, rawJobsPerSec: rawRates, medianTool: t, medianRaw: w, ratio });
      process.stderr.write(`${name}: tool ${t}/s, raw ${w}/s, ratio ${ratio}\n`);
    }
  } finally {
    await Promise.all([closeConnection(ctx.producerConn), closeConnection(ctx.workerConn)]);
  }
  return rows;
}
const out = { schemaVersion: 1, bench: 'compare', node: process.version, cpus: cpus().length, at: new Date().toISOString(), jobs, runs, rows };
const text = `${JSON.stringify(out, null, 2)}\n`;
if (values.json) writeFileSync(values.json, text);
process.stdout.write(text);
// A script: exit even if a library left a handle open (the CLI does the same).
process.exit(0);
