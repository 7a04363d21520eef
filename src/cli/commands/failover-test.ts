import { Command, Option } from 'commander';
import { EXIT } from '../../errors/exit-codes.js';
import { DEFAULT_FAILOVER as D } from '../../scenarios/failover/defaults.js';
import { FAULTS } from '../../scenarios/failover/types.js';
import { addAttachOptions } from '../attach-options.js';
import { examples, int, jsonOption, prefixOption, runtimeOption, specOption } from '../options.js';

export const failoverTestCommand = addAttachOptions(
  new Command('failover-test')
    .description(
      `fail the master under BullMQ load and measure detection, promotion, write/consume gaps and lost jobs; exit ${EXIT.failed} when a threshold is breached or a trial's verdict is not ok, ${EXIT.unreachable} when the topology is down, ${EXIT.cannotRun} when the test cannot run as asked`,
    )
    .addOption(specOption())
    .addOption(runtimeOption())
    .addOption(new Option('--fault <fault>', 'what to do at t0').choices(FAULTS).default(D.fault))
    .addOption(
      new Option('--fault-cmd <command>', "at t0 run this shell command as the fault; {node} {host} {port} {role} name the node hit (quoted by redis-arc)").conflicts('fault'),
    )
    .addOption(
      new Option('--partition <sides>', "network partition between named sides, e.g. 'redis-1,sentinel-1|redis-2,redis-3,sentinel-2,sentinel-3' (clients on 127.0.0.1 reach both)").conflicts(['fault', 'faultCmd']),
    )
    .option('--heal-cmd <command>', 'with --fault-cmd: run this to heal (same placeholders)')
    .option('--target <node>', 'hit this node instead of the current master (id such as redis-2, or host:port)')
    .option('--trials <n>', 'trials to run', int(1, 100), D.trials)
    .addOption(new Option('--mode <mode>', 'event-layer mode of the producer').choices(['direct', 'bus', 'manager']).default(D.mode))
    .option('--rate <per-second>', 'adds per second', int(1, 10_000), D.rate)
    .option('--warmup <ms>', 'load before the fault', int(0, 600_000), D.warmupMs)
    .option('--settle <ms>', 'load after both paths recovered', int(0, 600_000), D.settleMs)
    .option('--pause-ms <ms>', 'pause fault: how long the node stays stopped', int(1, 600_000), D.pauseMs)
    .option('--fault-ms <ms>', `how long pause, debug-sleep and network faults (partition, isolate, hang-clients) last; the heal removes the project's nftables table (default ${D.pauseMs})`, int(1, 600_000))
    .option('--max-recovery <ms>', 'give up waiting for recovery after this long', int(1000, 3_600_000), D.maxRecoveryMs)
    .option('--max-write-gap <ms>', `exit ${EXIT.failed} when a trial’s write gap is longer`, int(0, 3_600_000))
    .option('--max-lost <n>', `exit ${EXIT.failed} when a trial loses more acknowledged jobs`, int(0, 1_000_000))
    .option('--client <profiles>', 'whose connections run the trials: defaults, bullmq-docs, redis-arc or your module (./src/redis.mjs); several, comma-separated, run interleaved and side by side (docs/clients.md)')
    .option('--app-dir <dir>', "with --client: load bullmq and ioredis from this project, so its versions run")
    .option('--junit <file>', 'also write a JUnit XML report')
    .option('--report <file.html>', 'also write the HTML report: charts over time, accounting, environment (opens offline)')
    .option('--force', 'replace the --junit / --report file if it exists')
    .addOption(prefixOption())
    .addOption(jsonOption()),
).addHelpText(
  'after',
  examples([
    ['redis-arc failover-test', `SIGKILL the master once under ${D.rate} adds/s`],
    ['redis-arc failover-test --trials 3 --max-write-gap 5000 --max-lost 0 --junit failover.xml', 'a CI gate'],
    ['redis-arc failover-test --fault pause --pause-ms 4000 --mode bus', 'a hung master, bus producer'],
    ['redis-arc failover-test --sentinel 127.0.0.1:26379 --fault sentinel-failover', 'graceful, on a topology redis-arc did not start'],
    ['redis-arc failover-test --sentinel s1:26379,s2:26379 --password-file p --fault-cmd \'kubectl delete pod {node} --force --grace-period=0\'', 'your own fault, on staging'],
    ['redis-arc failover-test --fault partition --fault-ms 8000', 'split brain: the master cut off from replicas and sentinels, clients still reach it (needs network.addresses: per-node, root, nft)'],
    ['redis-arc failover-test --fault hang-clients', "clients' packets to the master dropped: a hung connection, no failover"],
    ['redis-arc failover-test --fault connections', 'CLIENT KILL every application connection: do the workers resume?'],
    ['redis-arc failover-test --client defaults,bullmq-docs,./src/redis.mjs --app-dir . --trials 3', 'your own client settings and BullMQ, next to the built-in profiles'],
  ]),
)
  .action(async (opts: Record<string, unknown>) => {
    const { runFailoverCommand } = await import('../actions/failover-test.js');
    process.exitCode = await runFailoverCommand(opts);
  });
