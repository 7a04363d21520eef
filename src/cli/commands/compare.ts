import { Command } from 'commander';
import { COMPARE_KINDS, COMPARE_PORT_SPAN, comparePorts, DEFAULT_COMPARE as D } from '../../scenarios/compare/defaults.js';
import { examples, int, jsonOption } from '../options.js';

export const compareCommand = new Command('compare')
  .description("boot each topology in a temporary folder, run the same BullMQ work on each, tear it down, and print the seed analysis' Sentinel-vs-Cluster table with a measurement and a verdict per claim")
  .argument('[topologies...]', `some of ${COMPARE_KINDS.join(', ')} (default: ${D.topologies.join(' ')})`)
  .option('--down-after <ms>', 'Sentinel down-after-milliseconds = Cluster cluster-node-timeout', int(100, 600_000), D.downAfterMs)
  .option('--trials <n>', 'failover trials per fault and topology (min / median / max)', int(1, 100), D.trials)
  .option('--queues <n>', 'queues in the multi-queue throughput runs', int(2, 64), D.queues)
  .option('--port-base <port>', `first of the ${COMPARE_PORT_SPAN} ports compare uses`, int(1024, 22_000), D.portBase)
  .addOption(jsonOption())
  .option('--report <file.html>', 'also write the HTML report: the claims table with verdicts, the figures side by side, failover and latency charts (opens offline)')
  .option('--force', 'replace the --report file if it exists')
  .addHelpText(
    'after',
    `\nEach topology runs on its own ports (${Object.entries(comparePorts(D.portBase))
      .map(([k, p]) => `${k} ${p.portBase}`)
      .join(', ')}), one at a time; latency at ${D.latency.rate} adds/s, median of ${D.latency.runs} runs of ${D.latency.durationS} s; ${D.throughput.jobs} adds per queue, ${D.throughput.inflight} in flight, median of ${D.throughput.runs} runs.\n` +
      examples([
        ['redis-arc compare', `sentinel and cluster, down-after ${D.downAfterMs} ms (the analysis' own), ${D.trials} trials`],
        ['redis-arc compare sentinel cluster standalone --trials 5', 'standalone as the baseline for latency and resources'],
        ['redis-arc compare --down-after 1000 --json', 'faster detection; the result as JSON'],
        ['redis-arc compare --report compare.html', 'the table, figures and charts as one page that opens offline'],
      ]),
  )
  .action(async (topologies: string[], opts: Record<string, unknown>) => {
    const { runCompareCommand } = await import('../actions/compare.js');
    process.exitCode = await runCompareCommand({ ...opts, topologies });
  });
