import { Command } from 'commander';
import { EXIT } from '../../errors/exit-codes.js';
import { DOCTOR_FLAGS } from '../flags/doctor.js';
import { addFlags } from '../flags/option.js';
import { examples } from '../options.js';

export const doctorCommand = addFlags(
  new Command('doctor').description(
    `check a spec and the running topology against BullMQ production rules; exit ${EXIT.ok} ok, ${EXIT.failed} errors found, ${EXIT.unreachable} topology unreachable or password refused`,
  ),
  DOCTOR_FLAGS,
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
