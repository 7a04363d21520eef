import { serverLabel } from '../../servers/identity.js';
import type { Comparison } from '../../scenarios/bench/baseline.js';
import { DEFAULT_BENCH } from '../../scenarios/bench/defaults.js';
import { spreadWarning } from '../bench.js';
import type { BenchResult, Percentiles, ScenarioResult } from '../../scenarios/bench/types.js';
import { html, type Safe } from './escape.js';
import { cycle } from './palette.js';
import { renderPage, type ChartSpec } from './page.js';
import { clientVersions } from '../client-versions.js';

const PERCENTILES: (keyof Percentiles)[] = ['p50', 'p90', 'p99', 'p999', 'max'];
const COLORS = ['#2563eb', '#16a34a', '#dc2626', '#7c3aed', '#b45309', '#0e7490', '#be185d', '#4d7c0f'];

/** A `profile` key a saved result may carry beside the typed fields (results are read loosely). */
const profileKey = (x: ScenarioResult): string | undefined => {
  const profile: unknown = Reflect.get(x, 'profile');
  return typeof profile === 'string' ? profile : undefined;
};

const cellName = (x: ScenarioResult) =>
  `${x.scenario}${x.concurrency ? ` c=${x.concurrency}` : ''}${x.mode ? ` / ${x.mode}` : ''}${profileKey(x) ? ` / ${profileKey(x)}` : ''}`;

/** jobs/s per cell as bars (plain HTML: exact, and readable without a script). */
function throughput(r: BenchResult): Safe {
  const peak = Math.max(1, ...r.results.map((x) => x.median.jobsPerSec));
  return html`<table><tr><th class="l">scenario / mode</th><th class="l">jobs/s (median)</th><th>spread</th><th>runs</th></tr>
${r.results.map((x, i) => html`<tr><td class="l">${cellName(x)}</td><td class="l"><span class="bar" style="width:${Math.round((x.median.jobsPerSec / peak) * 320)}px"></span><span data-json="results.${i}.median.jobsPerSec">${x.median.jobsPerSec}</span></td><td class="${x.spreadPct > DEFAULT_BENCH.maxSpreadPct ? 'bad' : ''}" data-json="results.${i}.spreadPct">${x.spreadPct}</td><td>${x.runs.length}</td></tr>\n`)}</table>
<p class="sub">Spread is (max − min) / median of jobs/s over the runs of a cell, in percent; above ${DEFAULT_BENCH.maxSpreadPct}% two results are too noisy to compare.</p>
${spreadWarning(r) && html`<p class="bad" id="spread-warning">${spreadWarning(r)}</p>`}`;
}

function latencyTable(r: BenchResult): Safe | undefined {
  const cells = r.results.flatMap((x, i) => (x.median.latencyMs ? [{ x, i, latency: x.median.latencyMs }] : []));
  if (!cells.length) return undefined;
  return html`<table><tr><th class="l">scenario / mode</th>${PERCENTILES.map((p) => html`<th>${p === 'p999' ? 'p99.9' : p} ms</th>`)}</tr>
${cells.map(({ x, i, latency }) => html`<tr><td class="l">${cellName(x)}</td>${PERCENTILES.map((p) => html`<td data-json="results.${i}.median.latencyMs.${p}">${latency[p]}</td>`)}</tr>\n`)}</table>`;
}

function latencyChart(r: BenchResult): ChartSpec | undefined {
  const cells = r.results.flatMap((x) => (x.median.latencyMs ? [{ x, latency: x.median.latencyMs }] : []));
  if (!cells.length) return undefined;
  return {
    id: 'latency',
    title: 'latency percentiles',
    xLabel: 'percentile',
    yLabel: 'ms (log)',
    logY: true,
    x: PERCENTILES.map((_, i) => i),
    xLabels: PERCENTILES.map((p) => (p === 'p999' ? 'p99.9' : p)),
    series: cells.map(({ x, latency }, i) => ({ label: cellName(x), values: PERCENTILES.map((p) => Math.max(0.001, latency[p])), color: cycle(COLORS, i) })),
  };
}

function matrix(r: BenchResult): Safe | undefined {
  if (!r.decisionMatrix.length) return undefined;
  return html`<h2>Decision matrix</h2><p class="sub">The seed analysis’ stars beside measured ratios (direct = 1).</p>
<table><tr><th class="l">criterion</th><th>direct</th><th>bus</th><th>manager</th><th>measured bus</th><th>measured manager</th><th class="l">basis</th></tr>
${r.decisionMatrix.map((d, i) => html`<tr><td class="l">${d.criterion}</td><td>${d.stars.direct}</td><td>${d.stars.bus}</td><td>${d.stars.manager}</td><td data-json="decisionMatrix.${i}.measured.bus">${d.measured.bus ?? '-'}</td><td data-json="decisionMatrix.${i}.measured.manager">${d.measured.manager ?? '-'}</td><td class="l">${d.basis}</td></tr>\n`)}</table>`;
}

function comparison(rows: Comparison[] | undefined, maxPct: number | undefined): Safe | undefined {
  if (!rows?.length) return undefined;
  return html`<h2>Against the baseline</h2><p class="sub">A cell more than ${maxPct ?? '?'}% slower than the baseline is a regression.</p>
<table><tr><th class="l">cell</th><th>baseline jobs/s</th><th>now jobs/s</th><th>worse by %</th><th class="l">result</th></tr>
${rows.map((c) => html`<tr><td class="l">${c.key}</td><td>${c.baseline}</td><td>${c.current}</td><td>${c.regressionPct}</td><td class="l ${c.regressed ? 'bad' : 'good'}">${c.regressed ? 'REGRESSED' : 'ok'}</td></tr>\n`)}</table>`;
}

export function benchHtml(r: BenchResult, baseline?: { rows: Comparison[]; maxRegressionPct: number }): string {
  const e = r.environment;
  const chart = latencyChart(r);
  const title = `bench: ${e.topology}, ${serverLabel(e.server, e.redisVersion)}`;
  const body = html`<h1>${title}</h1>
<p class="sub">Node ${e.node}, ${clientVersions(r.results.flatMap((x) => (x.client ? [x.client] : []))) ?? `BullMQ ${e.bullmq}, ioredis ${e.ioredis}`}, <span data-json="environment.cpus">${e.cpus}</span> cores, ${e.at}; ${r.settings.runs} run(s) per cell, ${r.settings.jobs} jobs per run, payload ${r.settings.payloadBytes} B</p>
<h2>Throughput</h2>
${throughput(r)}
${chart && html`<h2>Latency</h2><p class="sub">End to end, from the intended send time to completion (latency scenario, ${r.settings.rate} adds/s offered).</p><div class="chart" id="${chart.id}" role="img" aria-label="latency percentiles"></div>`}
${latencyTable(r)}
${matrix(r)}
${comparison(baseline?.rows, baseline?.maxRegressionPct)}`;
  return renderPage({ title, body, charts: chart ? [chart] : [] });
}
