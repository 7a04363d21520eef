import { Command } from 'commander';
import { COMPARE_KINDS, comparePorts, DEFAULT_COMPARE as D } from '../../scenarios/compare/defaults.js';
import { COMPARE_FLAGS } from '../flags/compare.js';
import { addFlags } from '../flags/option.js';
import { examples } from '../options.js';

export const compareCommand = addFlags(
  new Command('compare')
    .description(
      "boot each topology in a temporary folder, run the same BullMQ work on each, tear it down, and print the seed analysis' Sentinel-vs-Cluster table with a measurement and a verdict per claim",
    )
    .argument('[topologies...]', `some of ${COMPARE_KINDS.join(', ')} (default: ${D.topologies.join(' ')})`),
  COMPARE_FLAGS,
)
  .addHelpText(
    'after',
    `\nEach topology runs on its own ports (${Object.entries(comparePorts(D.portBase))
      .map(([k, p]) => `${k} ${p.portBase}`)
      .join(
        ', ',
      )}), one at a time; latency at ${D.latency.rate} adds/s, median of ${D.latency.runs} runs of ${D.latency.durationS} s; ${D.throughput.jobs} adds per queue, ${D.throughput.inflight} in flight, median of ${D.throughput.runs} runs.\n` +
      examples([
        ['redis-arc compare', `sentinel and cluster, down-after ${D.downAfterMs} ms (the analysis' own), ${D.trials} trials`],
        ['redis-arc compare sentinel cluster standalone --trials 5', 'standalone as the baseline for latency and resources'],
        ['redis-arc compare --down-after-ms 1000 --json', 'faster detection; the result as JSON'],
        ['redis-arc compare --report compare.html', 'the table, figures and charts as one page that opens offline'],
      ]),
  )
  .action(async (topologies: string[], opts: Record<string, unknown>) => {
    const { runCompareCommand } = await import('../actions/compare.js');
    process.exitCode = await runCompareCommand({ ...opts, topologies });
  });
