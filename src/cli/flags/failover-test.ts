import { EXIT } from '../../errors/exit-codes.js';
import { DEFAULT_FAILOVER as D } from '../../scenarios/failover/defaults.js';
import { FAULTS } from '../../scenarios/faults/names.js';
import { MODES } from '../../events/producer.js';
import { choice, int, text } from './define.js';
import { ATTACH, clientFlags, forceFlag, JSON_OUT, modeFlag, PREFIX, runtimeFlag, SPEC, workloadFlags } from './shared.js';

export const FAILOVER_TEST_FLAGS = {
  ...SPEC,
  ...runtimeFlag(),
  fault: choice({ flags: '--fault <fault>', help: 'what to do at t0', choices: FAULTS, default: D.fault }),
  /** A shell command run at t0 as the fault (then the fault is 'command'). */
  faultCmd: text({
    flags: '--fault-cmd <command>',
    help: 'at t0 run this shell command as the fault; {node} {host} {port} {role} name the node hit (quoted by redis-arc)',
    conflicts: ['fault'],
  }),
  partition: text({
    flags: '--partition <sides>',
    help: "network partition between named sides, e.g. 'redis-1,sentinel-1|redis-2,redis-3,sentinel-2,sentinel-3' (clients on 127.0.0.1 reach both)",
    conflicts: ['fault', 'faultCmd'],
  }),
  healCmd: text({ flags: '--heal-cmd <command>', help: 'with --fault-cmd: run this to heal (same placeholders)' }),
  target: text({ flags: '--target <node>', help: 'hit this node instead of the current master (id such as redis-2, or host:port)' }),
  trials: int({ flags: '--trials <n>', help: 'trials to run', min: 1, max: 100, default: D.trials }),
  ...modeFlag('event-layer mode of the producer', MODES, D.mode),
  rate: int({ flags: '--rate <per-second>', help: 'adds per second', min: 1, max: 10_000, default: D.rate }),
  warmupMs: int({ flags: '--warmup-ms', aliases: ['--warmup'], help: 'load before the fault', unit: 'ms', min: 0, max: 600_000, default: D.warmupMs }),
  settleMs: int({
    flags: '--settle-ms',
    aliases: ['--settle'],
    help: 'load after both paths recovered',
    unit: 'ms',
    min: 0,
    max: 600_000,
    default: D.settleMs,
  }),
  /** One value for every fault that lasts (the scenario's pauseMs); --pause-ms was its first name. */
  faultMs: int({
    flags: '--fault-ms',
    aliases: ['--pause-ms'],
    help: "how long pause, debug-sleep and network faults (partition, isolate, hang-clients) last; the heal removes the project's nftables table",
    unit: 'ms',
    min: 1,
    max: 600_000,
    default: D.pauseMs,
  }),
  maxRecoveryMs: int({
    flags: '--max-recovery-ms',
    aliases: ['--max-recovery'],
    help: 'give up waiting for recovery after this long',
    unit: 'ms',
    min: 1000,
    max: 3_600_000,
    default: D.maxRecoveryMs,
  }),
  maxWriteGapMs: int({
    flags: '--max-write-gap-ms',
    aliases: ['--max-write-gap'],
    help: `exit ${EXIT.failed} when a trial’s write gap is longer`,
    unit: 'ms',
    min: 0,
    max: 3_600_000,
  }),
  maxLost: int({ flags: '--max-lost <n>', help: `exit ${EXIT.failed} when a trial loses more acknowledged jobs`, min: 0, max: 1_000_000 }),
  ...clientFlags(
    'whose connections run the trials: defaults, bullmq-docs, redis-arc or your module (./src/redis.mjs); several, comma-separated, run interleaved and side by side (docs/clients.md)',
    'with --client: load bullmq and ioredis from this project, so its versions run',
  ),
  ...workloadFlags('BullMQ features run beside the plain load, each checked after the heal'),
  junit: text({ flags: '--junit <file>', help: 'also write a JUnit XML report' }),
  report: text({ flags: '--report <file.html>', help: 'also write the HTML report: charts over time, accounting, environment (opens offline)' }),
  ...forceFlag('replace the --junit / --report file if it exists'),
  ...PREFIX,
  ...JSON_OUT,
  ...ATTACH,
};
