import { serverLabel } from '../servers/identity.js';
import { stripVTControlCharacters } from 'node:util';
import chalk from 'chalk';
import type { CompareResult, CompareRow, VerdictKind } from '../scenarios/compare/types.js';
import { NOISE } from '../scenarios/compare/verdict-text.js';

const CLAIM_WIDTH = 40;
const WIDTH = 120;
/** The analysis' star and check marks take two columns in a terminal. */
const WIDE = /[\u2B50\u274C\u2705]/g;

const paint: Record<VerdictKind, (s: string) => string> = {
  holds: chalk.green,
  'does not hold': chalk.red,
  depends: chalk.yellow,
  'not measured': chalk.dim,
};

/** Columns a string takes in a terminal: escape codes take none, the analysis' marks two. */
const visible = (s: string) => stripVTControlCharacters(s).length + (s.match(WIDE) ?? []).length;

/** Break text into lines of at most `width` columns at spaces (a longer word stands alone). */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && visible(line) + 1 + visible(word) > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return line ? [...lines, line] : lines;
}

/** One row: the claim (and where the analysis says it) on the left, the measurement and the verdict on the right. */
export function rowText(r: CompareRow): string {
  const right = WIDTH - CLAIM_WIDTH - 3;
  const left = [...wrap(r.claim, CLAIM_WIDTH), ...wrap(`(${r.source})`, CLAIM_WIDTH).map((l) => chalk.dim(l))];
  const verdict = r.verdict === 'depends' ? `depends ${r.why}` : `${r.verdict}: ${r.why}`;
  const rightLines = [...wrap(r.measured, right), ...wrap(verdict, right).map((l, i) => (i === 0 ? paint[r.verdict](l) : l))];
  const height = Math.max(left.length, rightLines.length);
  return Array.from({ length: height }, (_, i) => {
    const l = left[i] ?? '';
    return `${l}${' '.repeat(Math.max(0, CLAIM_WIDTH - visible(l)))} | ${rightLines[i] ?? ''}`.trimEnd();
  }).join('\n');
}

export function compareText(r: CompareResult): string {
  const e = r.environment;
  const s = r.settings;
  const out = [
    `Environment: ${e.cpus} cores (load ${e.loadAvg1} at start), ${serverLabel(e.server, e.redisVersion)}, Node ${e.node}, BullMQ ${e.bullmq}`,
    ...(e.loadAvg1 > e.cpus
      ? [chalk.yellow(`  the load was above the core count: latency and throughput are noisy; rerun on a quiet machine before deciding on them`)]
      : []),
    `Settings: ${s.topologies.join(', ')}; down-after-milliseconds = cluster-node-timeout = ${s.downAfterMs} ms; ${s.trials} trial(s) per failover; ${s.queues} queues; latency at ${s.latency.rate}/s, ${s.latency.runs} run(s) of ${s.latency.durationS} s; ${s.throughput.jobs} adds per queue, ${s.throughput.inflight} in flight`,
    '',
    `${'The analysis says'.padEnd(CLAIM_WIDTH)} | Measured here, and the verdict`,
  ];
  let area = '';
  for (const row of r.rows) {
    if (row.area !== area) {
      area = row.area;
      out.push(`${'-'.repeat(CLAIM_WIDTH)}-+-${'-'.repeat(WIDTH - CLAIM_WIDTH - 3)}`, chalk.bold(area.toUpperCase()));
    }
    out.push(rowText(row));
  }
  const counts = (['holds', 'does not hold', 'depends', 'not measured'] as const).map((v) => `${r.rows.filter((x) => x.verdict === v).length} ${v}`);
  out.push('', `Verdicts: ${counts.join(', ')}`);
  const d = r.decision;
  if (d) {
    out.push('', `Sentinel vs cluster on this machine (lower is better; within ${NOISE * 100}% is even):`);
    for (const [who, lines] of [
      ['sentinel ahead', d.sentinel],
      ['cluster ahead', d.cluster],
      ['even', d.even],
    ] as const) {
      if (lines.length) out.push(...wrap(`${who}: ${lines.join('; ')}`, WIDTH - 4).map((l, i) => `${i ? '    ' : '  '}${l}`));
    }
  }
  return out.join('\n');
}

export function printCompare(r: CompareResult): void {
  console.log(compareText(r));
}
