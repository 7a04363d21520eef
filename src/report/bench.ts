import { serverLabel } from '../servers/identity.js';
import chalk from 'chalk';
import type { Comparison } from '../scenarios/bench/baseline.js';
import { DEFAULT_BENCH } from '../scenarios/bench/defaults.js';
import type { BenchResult, ScenarioResult } from '../scenarios/bench/types.js';
import { table } from './nodes-table.js';
import { clientVersions } from './client-versions.js';

const ms = (v: number | undefined) => (v === undefined ? '-' : v.toFixed(2));

export function printBench(r: BenchResult): void {
  const e = r.environment;
  // With --client the libraries that ran are the profiles' (--app-dir: the application's), not redis-arc's.
  const libs = clientVersions(r.results.flatMap((x) => (x.client ? [x.client] : []))) ?? `BullMQ ${e.bullmq}, ioredis ${e.ioredis}`;
  console.log(
    `${serverLabel(e.server, e.redisVersion)} (${e.topology}), Node ${e.node}, ${libs}, ${e.cpus} CPUs; ${r.settings.runs} run(s) per cell, payload ${r.settings.payloadBytes} B`,
  );
  console.log(
    table(
      ['scenario', 'mode / client', 'jobs/s (median)', 'spread', 'p50 ms', 'p90 ms', 'p99 ms', 'p99.9 ms', 'max ms'],
      r.results.map((x) => {
        const l = x.median.latencyMs;
        return [
          x.scenario + (x.concurrency ? ` c=${x.concurrency}` : ''),
          x.client ? `client ${x.client.profile} (bullmq ${x.client.bullmq})` : (x.mode ?? '-'),
          x.median.jobsPerSec,
          `${x.spreadPct}%`,
          ms(l?.p50),
          ms(l?.p90),
          ms(l?.p99),
          ms(l?.p999),
          ms(l?.max),
        ];
      }),
    ),
  );
  const warning = spreadWarning(r);
  if (warning) console.log(chalk.yellow(warning));
  if (r.decisionMatrix.length) {
    console.log('Decision matrix: the seed analysis’ stars beside measured ratios (direct = 1)');
    console.log(
      table(
        ['criterion', 'direct', 'bus', 'manager', 'measured bus', 'measured manager', 'basis'],
        r.decisionMatrix.map((d) => [d.criterion, d.stars.direct, d.stars.bus, d.stars.manager, d.measured.bus ?? '-', d.measured.manager ?? '-', d.basis]),
      ),
    );
  }
}

export function printComparison(rows: Comparison[], maxPct: number): void {
  console.log(`Against the baseline (fail when more than ${maxPct}% worse):`);
  console.log(
    table(
      ['cell', 'baseline', 'now', 'worse by', 'result'],
      rows.map((c) => [c.key, c.baseline, c.current, `${c.regressionPct}%`, c.regressed ? chalk.red('REGRESSED') : chalk.green('ok')]),
    ),
  );
  for (const c of rows.filter((x) => x.regressed)) console.log(chalk.red(`regression: ${c.key} is ${c.regressionPct}% worse than the baseline`));
}

const cellKey = (x: ScenarioResult) => `${x.scenario}${x.mode ? `/${x.mode}` : ''}${x.concurrency ? `/c${x.concurrency}` : ''}`;

/** One line when any cell spread more than DEFAULT_BENCH.maxSpreadPct between its runs: those numbers do not compare. */
export function spreadWarning(r: BenchResult, maxPct = DEFAULT_BENCH.maxSpreadPct): string | undefined {
  const wide = r.results.filter((x) => x.spreadPct > maxPct);
  if (!wide.length) return undefined;
  const widest = wide.reduce((a, b) => (b.spreadPct > a.spreadPct ? b : a));
  return `warning: jobs/s spread more than ${maxPct}% between runs in ${wide.length} of ${r.results.length} cell(s) (widest: ${cellKey(widest)} ${widest.spreadPct}%): a difference smaller than the spread is noise. Run on a quieter machine, or raise --runs and --jobs.`;
}
