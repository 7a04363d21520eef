import { Command, Option } from 'commander';
import { addAttachOptions } from '../attach-options.js';
import { EXIT } from '../../errors/exit-codes.js';
import { DEFAULT_BENCH as D } from '../../scenarios/bench/defaults.js';
import { SCENARIOS } from '../../scenarios/bench/types.js';
import { examples, int, prefixOption, specOption } from '../options.js';

const S = D.settings;

export const benchCommand = addAttachOptions(
  new Command('bench')
    .description('BullMQ throughput and latency per scenario and event-layer mode; JSON and a baseline gate for CI')
    .addOption(specOption())
    .option('--scenario <names>', `comma list of ${SCENARIOS.join(', ')}`, D.scenarios.join(','))
    .addOption(new Option('--mode <mode>', 'event-layer mode').choices(['direct', 'bus', 'manager', 'all']).default(D.mode))
    .option('--jobs <n>', 'jobs per run (add, add-concurrent, add-bulk, process)', int(10, 10_000_000), S.jobs)
    .option('--inflight <n>', 'add-concurrent: adds in flight', int(1, 10_000), S.inflight)
    .option('--batch <n>', 'add-bulk: jobs per addBulk', int(1, 100_000), S.batch)
    .option('--rate <per-second>', 'latency: offered adds per second', int(1, 100_000), S.rate)
    .option('--duration <seconds>', 'latency: how long to offer load', int(1, 3600), S.durationS)
    .option('--runs <n>', `measured runs per cell (median and spread are reported; a spread over ${D.maxSpreadPct}% is flagged)`, int(1, 100), S.runs)
    .option('--payload <bytes>', 'job data size', int(10, 10_000_000), S.payloadBytes)
    .option('--client <profiles>', 'measure these client profiles instead of the modes: defaults, bullmq-docs, redis-arc or your module (./src/redis.mjs), comma-separated (add, add-concurrent, process)')
    .option('--app-dir <dir>', 'with --client: load bullmq and ioredis from this project')
    .addOption(prefixOption())
    .option('--json <file>', 'write the full result (schemaVersion 1) to this file')
    .option('--report <file.html>', 'also write the HTML report: throughput, latency, decision matrix, baseline (opens offline)')
    .option('--force', 'replace the --json / --report file if it exists')
    .option('--baseline <file>', 'compare with an earlier --json result')
    .option('--max-regression <pct>', `with --baseline: exit ${EXIT.failed} when a cell is this much slower`, int(0, 1000), D.maxRegressionPct),
).addHelpText(
  'after',
  examples([
    ['redis-arc bench', 'every scenario, all three modes, against ./redis-arc.yaml'],
    ['redis-arc bench --scenario add,add-concurrent --mode all --json out.json', 'the decision matrix, as JSON'],
    ['redis-arc bench --json new.json --baseline main.json --max-regression 15', 'a CI gate'],
    ['redis-arc bench --client redis-arc,defaults,./src/redis.mjs --scenario add-concurrent,process', "what your client's settings cost in throughput"],
  ]),
)
  .action(async (opts: Record<string, unknown>) => {
    const { runBenchCommand } = await import('../actions/bench.js');
    process.exitCode = await runBenchCommand(opts);
  });
