import { Command, Option } from 'commander';
import { addAttachOptions } from '../attach-options.js';
import { examples, int, jsonOption, specOption } from '../options.js';

export const DEFAULT_SMOKE_JOBS = 200;

export const smokeCommand = addAttachOptions(
  new Command('smoke')
    .description('enqueue and consume BullMQ jobs through each event-layer mode; exit 1 unless every job ran exactly once')
    .addOption(specOption())
    .addOption(new Option('--mode <mode>', 'event-layer mode').choices(['direct', 'bus', 'manager', 'all']).default('all'))
    .option('--jobs <n>', 'events per mode', int(1, 1_000_000), DEFAULT_SMOKE_JOBS)
    .option('--timeout <seconds>', 'per mode', int(1, 3600), 60)
    .option('--prefix <prefix>', "queue key prefix (default 'bull'; '{bull}' on a cluster)")
    .addOption(jsonOption()),
).addHelpText(
  'after',
  examples([
    ['redis-arc smoke', 'all three modes against ./redis-arc.yaml'],
    ['redis-arc smoke --mode bus --jobs 1000 --json', 'one mode, more jobs, JSON'],
    ['redis-arc smoke --cluster 127.0.0.1:7000 --password-file pw', 'a cluster redis-arc did not start'],
  ]),
)
  .action(async (opts: Record<string, unknown>) => {
    const { runSmokeCommand } = await import('../actions/smoke.js');
    process.exitCode = await runSmokeCommand(opts);
  });
