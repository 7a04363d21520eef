import { Command } from 'commander';
import { EXIT } from '../../errors/exit-codes.js';
import { DEFAULT_FAILOVER as D } from '../../scenarios/failover/defaults.js';
import { FAILOVER_TEST_FLAGS } from '../flags/failover-test.js';
import { addFlags } from '../flags/option.js';
import { examples } from '../options.js';

export const failoverTestCommand = addFlags(
  new Command('failover-test').description(
    `fail the master under BullMQ load and measure detection, promotion, write/consume gaps and lost jobs; exit ${EXIT.failed} when a threshold is breached or a trial's verdict is not ok, ${EXIT.unreachable} when the topology is down, ${EXIT.cannotRun} when the test cannot run as asked`,
  ),
  FAILOVER_TEST_FLAGS,
)
  .addHelpText(
    'after',
    examples([
      ['redis-arc failover-test', `SIGKILL the master once under ${D.rate} adds/s`],
      ['redis-arc failover-test --trials 3 --max-write-gap-ms 5000 --max-lost 0 --junit failover.xml', 'a CI gate'],
      ['redis-arc failover-test --fault pause --fault-ms 4000 --mode bus', 'a hung master, bus producer'],
      ['redis-arc failover-test --sentinel 127.0.0.1:26379 --fault sentinel-failover', 'graceful, on a topology redis-arc did not start'],
      [
        "redis-arc failover-test --sentinel s1:26379,s2:26379 --password-file p --fault-cmd 'kubectl delete pod {node} --force --grace-period=0'",
        'your own fault, on staging',
      ],
      [
        'redis-arc failover-test --fault partition --fault-ms 8000',
        'split brain: the master cut off from replicas and sentinels, clients still reach it (needs network.addresses: per-node, root, nft)',
      ],
      ['redis-arc failover-test --fault hang-clients', "clients' packets to the master dropped: a hung connection, no failover"],
      ['redis-arc failover-test --fault connections', 'CLIENT KILL every application connection: do the workers resume?'],
      [
        'redis-arc failover-test --client defaults,bullmq-docs,./src/redis.mjs --app-dir . --trials 3',
        'your own client settings and BullMQ, next to the built-in profiles',
      ],
    ]),
  )
  .action(async (opts: Record<string, unknown>) => {
    const { runFailoverCommand } = await import('../actions/failover-test.js');
    process.exitCode = await runFailoverCommand(opts);
  });
