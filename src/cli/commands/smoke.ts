import { Command } from 'commander';
import { EXIT } from '../../errors/exit-codes.js';
import { addFlags } from '../flags/option.js';
import { SMOKE_FLAGS } from '../flags/smoke.js';
import { examples } from '../options.js';

export const smokeCommand = addFlags(
  new Command('smoke').description(
    `enqueue and consume BullMQ jobs through each event-layer mode; exit ${EXIT.failed} unless every job ran exactly once, ${EXIT.unreachable} when the topology is down`,
  ),
  SMOKE_FLAGS,
)
  .addHelpText(
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
