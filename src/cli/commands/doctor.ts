import { Command } from 'commander';
import { examples, jsonOption, specOption } from '../options.js';

export const doctorCommand = new Command('doctor')
  .description('check a spec against BullMQ production rules; exit 1 on errors')
  .addOption(specOption())
  .addOption(jsonOption())
  .addHelpText(
    'after',
    examples([
      ['redis-arc doctor', 'check ./redis-arc.yaml'],
      ['redis-arc doctor --spec prod/redis-arc.yaml --json', 'machine-readable findings'],
    ]),
  )
  .action(async (opts: Record<string, unknown>) => {
    const { runDoctor } = await import('../actions/doctor.js');
    process.exitCode = await runDoctor(opts);
  });
