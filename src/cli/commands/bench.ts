import { Command } from 'commander';
import { BENCH_FLAGS } from '../flags/bench.js';
import { addFlags } from '../flags/option.js';
import { examples } from '../options.js';

export const benchCommand = addFlags(
  new Command('bench').description('BullMQ throughput and latency per scenario and event-layer mode; JSON and a baseline gate for CI'),
  BENCH_FLAGS,
)
  .addHelpText(
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
