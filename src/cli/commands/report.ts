import { Command } from 'commander';
import { addFlags } from '../flags/option.js';
import { REPORT_FLAGS } from '../flags/report.js';
import { examples } from '../options.js';

export const reportCommand = addFlags(
  new Command('report')
    .description('write the HTML report of a saved failover-test, bench or compare --json result: one file that opens offline')
    .argument('<result.json>', 'a failover-test, bench or compare --json result'),
  REPORT_FLAGS,
)
  .addHelpText(
    'after',
    examples([
      ['redis-arc failover-test --trials 3 --json > run.json && redis-arc report run.json -o run.html', 'a failover, then its report'],
      ['redis-arc report bench.json -o bench.html', 'throughput, latency and the decision matrix of a bench --json'],
      [
        'redis-arc compare --json > compare.json && redis-arc report compare.json -o compare.html',
        "the analysis' claims with verdicts, the figures and charts of a compare",
      ],
    ]),
  )
  .action(async (file: string, opts: Record<string, unknown>) => {
    const { runReport } = await import('../actions/report.js');
    await runReport(file, opts);
  });
