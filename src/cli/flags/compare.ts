import { COMPARE_PORT_SPAN, DEFAULT_COMPARE as D } from '../../scenarios/compare/defaults.js';
import { int, text } from './define.js';
import { forceFlag, JSON_OUT } from './shared.js';

export const COMPARE_FLAGS = {
  downAfterMs: int({
    flags: '--down-after-ms',
    unit: 'ms',
    aliases: ['--down-after'],
    help: 'Sentinel down-after-milliseconds = Cluster cluster-node-timeout',
    min: 100,
    max: 600_000,
    default: D.downAfterMs,
  }),
  trials: int({ flags: '--trials <n>', help: 'failover trials per fault and topology (min / median / max)', min: 1, max: 100, default: D.trials }),
  queues: int({ flags: '--queues <n>', help: 'queues in the multi-queue throughput runs', min: 2, max: 64, default: D.queues }),
  portBase: int({ flags: '--port-base <port>', help: `first of the ${COMPARE_PORT_SPAN} ports compare uses`, min: 1024, max: 22_000, default: D.portBase }),
  ...JSON_OUT,
  /** Also write the HTML report here. */
  report: text({
    flags: '--report <file.html>',
    help: 'also write the HTML report: the claims table with verdicts, the figures side by side, failover and latency charts (opens offline)',
  }),
  ...forceFlag('replace the --report file if it exists'),
};
