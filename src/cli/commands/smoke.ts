import { Command, Option } from 'commander';
import { addAttachOptions } from '../attach-options.js';
import { EXIT } from '../../errors/exit-codes.js';
import { DEFAULT_SMOKE as D } from '../../scenarios/smoke/defaults.js';
import { examples, int, jsonOption, prefixOption, seconds, specOption } from '../options.js';

export const smokeCommand = addAttachOptions(
  new Command('smoke')
    .description(`enqueue and consume BullMQ jobs through each event-layer mode; exit ${EXIT.failed} unless every job ran exactly once, ${EXIT.unreachable} when the topology is down`)
    .addOption(specOption())
    .addOption(new Option('--mode <mode>', 'event-layer mode').choices(['direct', 'bus', 'manager', 'all']).default(D.mode))
    .option('--jobs <n>', 'events per mode', int(1, 1_000_000), D.jobs)
    .option('--timeout <seconds>', 'per mode', int(1, 3600), seconds(D.timeoutMs))
    .addOption(prefixOption())
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
