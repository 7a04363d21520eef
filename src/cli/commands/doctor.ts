import { Command, Option } from 'commander';
import { DEFAULT_SCAN_OPTIONS } from '../../doctor/live-options.js';
import { EXIT } from '../../errors/exit-codes.js';
import { addAttachOptions } from '../attach-options.js';
import { examples, int, jsonOption, specOption } from '../options.js';

export const doctorCommand = addAttachOptions(
  new Command('doctor')
    .description(
      `check a spec and the running topology against BullMQ production rules; exit ${EXIT.ok} ok, ${EXIT.failed} errors found, ${EXIT.unreachable} topology unreachable or password refused`,
    )
    .addOption(specOption())
    .addOption(jsonOption())
    .addOption(new Option('--live', `require the live checks: exit ${EXIT.unreachable} when the topology does not answer (default: run them when it answers)`))
    .addOption(new Option('--no-live', 'check the spec only, do not connect'))
    .option('--client <profiles>', "check a client module's connection settings instead (./src/redis.mjs, or defaults, bullmq-docs, redis-arc; comma-separated); nothing connects")
    .option('--app-dir <dir>', 'with --client: load bullmq and ioredis from this project')
    .option(
      '--scan-limit <keys>',
      'cluster: SCAN at most this many keys per master for un-tagged BullMQ queues (0: no scan)',
      int(0, 100_000_000),
      DEFAULT_SCAN_OPTIONS.limitPerMaster,
    ),
)
  .addHelpText(
    'after',
    `
In a project folder doctor checks redis-arc.yaml, then, when the topology answers, every node
live (CONFIG GET maxmemory-policy / appendonly / min-replicas-to-write / cluster-node-timeout,
sentinel quorum and down-after, replica link and lag, cluster state and slots, and on a cluster
a bounded SCAN for BullMQ queues whose prefix lacks a {hash tag}). A project that is not running
is not an error: the live checks are skipped and doctor says so. With --sentinel, --cluster or
--url only the live checks run.
${examples([
  ['redis-arc doctor', 'check ./redis-arc.yaml, and the topology when it runs'],
  ['redis-arc doctor --no-live', 'the spec only'],
  ['redis-arc doctor --live --json', `spec + live; exit ${EXIT.unreachable} if it is not running`],
  ['redis-arc doctor --sentinel 10.0.0.5:26379 --master-name mymaster --password-file pw', 'a topology redis-arc did not start'],
  ['redis-arc doctor --cluster 127.0.0.1:7000 --scan-limit 100000', 'scan more keys per master'],
  ['redis-arc doctor --client ./src/redis.mjs', "your application's connection settings: what a failover would cost"],
  ['redis-arc doctor --json | jq \'.findings[] | select(.severity == "error")\'', 'errors only'],
])}`,
  )
  .action(async (opts: Record<string, unknown>) => {
    const { runDoctor } = await import('../actions/doctor.js');
    process.exitCode = await runDoctor(opts);
  });
