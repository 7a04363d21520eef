import { serverLabel } from '../../servers/identity.js';
import type { CompareFailover, CompareResult, CompareRow, Throughput, TopologyMeasurement, VerdictKind } from '../../scenarios/compare/types.js';
import { NOISE } from '../../scenarios/compare/verdict-text.js';
import { html, type Safe } from './escape.js';
import { renderPage, type ChartSpec } from './page.js';

const VERDICT_CLASS: Record<VerdictKind, string> = { holds: 'good', 'does not hold': 'bad', depends: 'warn', 'not measured': 'sub' };
const KIND_COLOR: Record<string, string> = { sentinel: '#2563eb', cluster: '#dc2626', standalone: '#16a34a' };
const FAULTS = ['crash', 'graceful'] as const;
const LATENCY = ['p50', 'p99', 'max'] as const;

const color = (kind: string) => KIND_COLOR[kind] ?? '#7c3aed';
const dash = (v: string | number | boolean | null | undefined) => (v === null || v === undefined ? '-' : String(v));

/** A number the browser test compares with the JSON at `path`; a figure the result does not have is a plain '-'. */
function cell(path: string | undefined, v: number | string | null | undefined, cls = ''): Safe {
  if (path === undefined) return html`<td class="${cls}">-</td>`;
  return html`<td data-json="${path}" class="${cls}">${dash(v)}</td>`;
}

/** A measured latency, or undefined when the run failed (`latency.error`). */
function latencyOf(m: TopologyMeasurement) {
  return 'error' in m.latency ? undefined : m.latency;
}

function environment(r: CompareResult): Safe {
  const e = r.environment;
  const busy = e.loadAvg1 > e.cpus;
  return html`<table class="kv"><tr><td>cores</td><td data-json="environment.cpus">${e.cpus}</td></tr><tr><td>load (1 min) at start</td><td data-json="environment.loadAvg1" class="${busy ? 'bad' : ''}">${e.loadAvg1}</td></tr><tr><td>server</td><td>${serverLabel(e.server, e.redisVersion)}</td></tr><tr><td>redis_version</td><td data-json="environment.redisVersion">${e.redisVersion}</td></tr><tr><td>Node</td><td data-json="environment.node">${e.node}</td></tr><tr><td>BullMQ</td><td data-json="environment.bullmq">${e.bullmq}</td></tr><tr><td>started</td><td data-json="environment.at">${e.at}</td></tr></table>
${busy && html`<p class="bad" id="load-warning">The load was above the core count: latency and throughput are noisy; rerun on a quiet machine before deciding on them.</p>`}`;
}

function settings(r: CompareResult): Safe {
  const s = r.settings;
  return html`<table class="kv"><tr><td>down-after-milliseconds = cluster-node-timeout (ms)</td><td data-json="settings.downAfterMs">${s.downAfterMs}</td></tr><tr><td>trials per failover</td><td data-json="settings.trials">${s.trials}</td></tr><tr><td>queues (multi-queue runs)</td><td data-json="settings.queues">${s.queues}</td></tr><tr><td>latency: adds/s offered</td><td data-json="settings.latency.rate">${s.latency.rate}</td></tr><tr><td>latency: runs × seconds</td><td><span data-json="settings.latency.runs">${s.latency.runs}</span> × <span data-json="settings.latency.durationS">${s.latency.durationS}</span></td></tr><tr><td>throughput: adds per queue, in flight, runs</td><td><span data-json="settings.throughput.jobs">${s.throughput.jobs}</span>, <span data-json="settings.throughput.inflight">${s.throughput.inflight}</span>, <span data-json="settings.throughput.runs">${s.throughput.runs}</span></td></tr></table>`;
}

/** The analysis' table: one row per claim, where it is written, the measurement and the verdict. */
function claims(rows: CompareRow[]): Safe {
  const counts = (['holds', 'does not hold', 'depends', 'not measured'] as const).map(
    (v) => html`<span class="${VERDICT_CLASS[v]}">${rows.filter((x) => x.verdict === v).length} ${v}</span>`,
  );
  return html`<table id="claims"><tr><th class="l">area</th><th class="l">the analysis says</th><th class="l">measured here</th><th class="l">verdict</th><th class="l">why</th></tr>
${rows.map((row, i) => html`<tr><td class="l">${row.area}</td><td class="l">${row.claim}<div class="sub">${row.source}</div></td><td class="l" data-json="rows.${i}.measured">${row.measured}</td><td class="l ${VERDICT_CLASS[row.verdict]}" data-json="rows.${i}.verdict">${row.verdict}</td><td class="l" data-json="rows.${i}.why">${row.why}</td></tr>\n`)}</table>
<p id="verdict-counts">Verdicts: ${counts.map((c, i) => html`${i ? ', ' : ''}${c}`)}</p>`;
}

interface Figure {
  label: string;
  /** The JSON path under `measurements.<i>.` and the value there, or undefined where this topology has no such figure. */
  of(m: TopologyMeasurement): { path: string; value: number | null } | undefined;
}

const failoverFigure = (fault: (typeof FAULTS)[number], metric: keyof CompareFailover['summary'], stat: 'median' | 'max', label: string): Figure => ({
  label,
  of: (m) => {
    const f = m.failover[fault];
    return f && { path: `failover.${fault}.summary.${metric}.${stat}`, value: f.summary[metric][stat] };
  },
});

function figures(r: CompareResult): Figure[] {
  const q = r.settings.queues;
  const throughput = (key: 'one' | 'shared' | 'spread', label: string): Figure => ({
    label,
    of: (m) => {
      const t = m.throughput[key];
      return t && { path: `throughput.${key}.jobsPerSec`, value: t.jobsPerSec };
    },
  });
  const plain = (path: string, label: string, get: (m: TopologyMeasurement) => number): Figure => ({ label, of: (m) => ({ path, value: get(m) }) });
  return [
    failoverFigure('crash', 'detect_ms', 'median', 'crash: detection, median (ms)'),
    failoverFigure('crash', 'promote_ms', 'median', 'crash: promotion, median (ms)'),
    failoverFigure('crash', 'write_gap_ms', 'median', 'crash: write gap, median (ms)'),
    failoverFigure('crash', 'lost', 'max', 'crash: acknowledged jobs lost, most in a trial'),
    failoverFigure('graceful', 'write_gap_ms', 'median', 'planned failover: write gap, median (ms)'),
    failoverFigure('graceful', 'lost', 'max', 'planned failover: acknowledged jobs lost, most in a trial'),
    ...LATENCY.map((p): Figure => ({
      label: `latency ${p} at ${r.settings.latency.rate} adds/s (ms)`,
      of: (m) => {
        const latency = latencyOf(m);
        return latency ? { path: `latency.${p}`, value: latency[p] } : undefined;
      },
    })),
    throughput('one', 'adds/s, one queue'),
    throughput('shared', `adds/s, ${q} queues under one prefix`),
    throughput('spread', `adds/s, ${q} queues, a hash tag each`),
    plain('masters', 'masters serving writes', (m) => m.masters),
    plain('resources.processes', 'processes', (m) => m.resources.processes),
    plain('resources.ports', 'ports', (m) => m.resources.ports),
    plain('resources.rssKiB.idle', 'resident memory after boot (KiB)', (m) => m.resources.rssKiB.idle),
    plain('resources.rssKiB.afterWork', 'resident memory after the work (KiB)', (m) => m.resources.rssKiB.afterWork),
    plain('resources.setupMs', 'setup: init + boot until healthy (ms)', (m) => m.resources.setupMs),
    plain('resources.teardownMs', 'teardown (ms)', (m) => m.resources.teardownMs),
  ];
}

/** Every figure side by side, one column per topology in the order they ran. */
function figureTable(r: CompareResult): Safe {
  const ms = r.measurements;
  return html`<table id="figures"><tr><th class="l">figure</th>${ms.map((m) => html`<th>${m.kind}</th>`)}</tr>
${figures(r).map(
  (f) =>
    html`<tr><td class="l">${f.label}</td>${ms.map((m, i) => {
      const v = f.of(m);
      return v ? cell(`measurements.${i}.${v.path}`, v.value) : cell(undefined, undefined);
    })}</tr>\n`,
)}</table>
${ms.map((m, i) => ('error' in m.latency ? html`<p class="bad">${m.kind} latency not measured: <span data-json="measurements.${i}.latency.error">${m.latency.error}</span></p>` : undefined))}`;
}

/** Which side each figure favoured, as `decision` lists it (lower is better; within the noise is even). */
function decision(r: CompareResult): Safe | undefined {
  const d = r.decision;
  if (!d) return undefined;
  const list = (who: string, key: 'sentinel' | 'cluster' | 'even') =>
    html`<div class="side"><h3>${who} (<span data-json="decision.${key}.length">${d[key].length}</span>)</h3><ul>${d[key].map((line, i) => html`<li data-json="decision.${key}.${i}">${line}</li>`)}</ul></div>`;
  return html`<h2>Sentinel vs cluster</h2><p class="sub">Figure by figure, which side was lower (better) on this machine; within ${NOISE * 100}% of each other is even. This is what a decision rests on.</p>
<div class="sides" id="decision">${list('sentinel ahead', 'sentinel')}${list('cluster ahead', 'cluster')}${list('even', 'even')}</div>`;
}

/** Every failover trial of every topology: the numbers the failover rows summarise. */
function trialTable(r: CompareResult): Safe | undefined {
  const rows = r.measurements.flatMap((m, i) =>
    FAULTS.flatMap((fault) => {
      const run = m.failover[fault];
      return run ? run.trials.map((t, j) => ({ m, fault: run.fault, t, at: `measurements.${i}.failover.${fault}.trials.${j}` })) : [];
    }),
  );
  if (!rows.length) return undefined;
  return html`<table id="trials"><tr><th class="l">topology</th><th class="l">fault</th><th>trial</th><th class="l">target</th><th>detect ms</th><th>promote ms</th><th>write gap ms</th><th>write outage ms</th><th>acked</th><th>lost</th><th class="l">verdict</th></tr>
${rows.map(({ m, fault, t, at }) => html`<tr><td class="l">${m.kind}</td><td class="l">${fault}</td>${cell(`${at}.trial`, t.trial)}<td class="l">${t.target.id} (${t.target.role})</td>${cell(`${at}.metrics.detect_ms`, t.metrics.detect_ms)}${cell(`${at}.metrics.promote_ms`, t.metrics.promote_ms)}${cell(`${at}.metrics.write_gap_ms`, t.metrics.write_gap_ms)}${cell(`${at}.metrics.write_outage_ms`, t.metrics.write_outage_ms)}${cell(`${at}.adds.acked`, t.adds.acked)}${cell(`${at}.adds.lost`, t.adds.lost, t.adds.lost ? 'bad' : '')}<td class="l ${t.verdict === 'ok' ? 'good' : 'bad'}" data-json="${at}.verdict">${t.verdict}</td></tr>\n`)}</table>`;
}

/** Write gap per trial, one line per topology and fault: how far apart, and how steady, the failovers were. */
function failoverChart(r: CompareResult): ChartSpec | undefined {
  const runs = r.measurements.flatMap((m) =>
    FAULTS.map((k) => ({ m, f: m.failover[k] })).filter((x): x is { m: TopologyMeasurement; f: CompareFailover } => !!x.f),
  );
  if (!runs.length) return undefined;
  const n = Math.max(...runs.map(({ f }) => f.trials.length));
  return {
    id: 'failover-gaps',
    title: 'write gap per trial',
    xLabel: 'trial',
    xName: 'trial',
    yLabel: 'write gap, s',
    x: Array.from({ length: n }, (_, i) => i),
    xLabels: Array.from({ length: n }, (_, i) => `trial ${i + 1}`),
    series: runs.map(({ m, f }) => ({
      label: `${m.kind} ${f.fault}`,
      values: Array.from({ length: n }, (_, i) => {
        const gap = f.trials[i]?.metrics.write_gap_ms;
        return gap === null || gap === undefined ? null : gap / 1000;
      }),
      color: color(m.kind),
      ...(f.fault !== 'kill' && { dash: [8, 4] }),
    })),
  };
}

function latencyChart(r: CompareResult): ChartSpec | undefined {
  const measured = r.measurements.flatMap((m) => {
    const latency = latencyOf(m);
    return latency ? [{ kind: m.kind, latency }] : [];
  });
  if (!measured.length) return undefined;
  return {
    id: 'latency',
    title: 'add→completed latency',
    xLabel: 'percentile',
    xName: 'percentile',
    yLabel: 'ms (log)',
    logY: true,
    x: LATENCY.map((_, i) => i),
    xLabels: [...LATENCY],
    series: measured.map(({ kind, latency }) => ({ label: kind, values: LATENCY.map((p) => Math.max(0.001, latency[p])), color: color(kind) })),
  };
}

/** Adds/s of every arrangement as bars (plain HTML: exact, and readable without a script), with where a cluster put each queue. */
function throughputBars(r: CompareResult): Safe {
  const names = { one: 'one queue', shared: `${r.settings.queues} queues, one prefix`, spread: `${r.settings.queues} queues, a tag each` };
  const arrangements = (m: TopologyMeasurement) =>
    (['one', 'shared', 'spread'] as const).flatMap((key) => {
      const t = m.throughput[key];
      return t ? [{ key, label: names[key], t }] : [];
    });
  const peak = Math.max(1, ...r.measurements.flatMap((m) => arrangements(m).map((a) => a.t.jobsPerSec)));
  const placement = ({ prefixes, slots, masters }: Throughput) =>
    slots && masters ? prefixes.map((p, k) => `${p} → slot ${slots[k]} on ${masters[k]}`).join('; ') : [...new Set(prefixes)].join(', ');
  return html`<table id="throughput"><tr><th class="l">topology</th><th class="l">arrangement</th><th class="l">adds/s (median)</th><th class="l">runs</th><th class="l">prefixes and placement</th></tr>
${r.measurements.map((m, i) =>
  arrangements(m).map(({ key, label, t }) => {
    const at = `measurements.${i}.throughput.${key}`;
    return html`<tr><td class="l">${m.kind}</td><td class="l">${label}</td><td class="l nowrap"><span class="bar" style="width:${Math.round((t.jobsPerSec / peak) * 240)}px;background:${color(m.kind)}"></span><span data-json="${at}.jobsPerSec">${t.jobsPerSec}</span></td><td class="l">${t.runs.map((x, k) => html`${k ? ', ' : ''}<span data-json="${at}.runs.${k}">${x}</span>`)}</td><td class="l">${placement(t)}</td></tr>\n`;
  }),
)}</table>`;
}

export function compareHtml(r: CompareResult): string {
  const charts = [failoverChart(r), latencyChart(r)].filter((c): c is ChartSpec => !!c);
  const has = (id: string) => charts.some((c) => c.id === id);
  const title = `compare: ${r.settings.topologies.join(', ')}`;
  const body = html`<h1>${title}</h1>
<p class="sub">The seed analysis' Sentinel-vs-Cluster claims next to measurements from this machine, one verdict per claim. Every figure is defined in docs/METRICS.md (compare: the topology figures).</p>
<h2>Environment</h2>
${environment(r)}
${settings(r)}
<h2>The analysis' claims, measured</h2>
${claims(r.rows)}
${decision(r)}
<h2>The figures</h2>
<p class="sub">Medians over runs and trials; '-' where a topology has no such figure (standalone has nothing to fail over to).</p>
${figureTable(r)}
<h2>Failover, trial by trial</h2>
<p class="sub">A SIGKILL of the master (solid) and the kind's planned failover (dashed), ${r.settings.trials} trial(s) each: the write gap runs from the fault to the first acknowledged write after it.</p>
${has('failover-gaps') && html`<div class="chart" id="failover-gaps" role="img" aria-label="write gap per trial, per topology and fault"></div>`}
${trialTable(r) ?? html`<p class="sub">No topology here was failed over.</p>`}
<h2>Latency</h2>
<p class="sub">add→completed at ${r.settings.latency.rate} adds/s offered, from each add's intended send time; the run with the median p50.</p>
${has('latency') && html`<div class="chart" id="latency" role="img" aria-label="latency percentiles per topology"></div>`}
<h2>Throughput</h2>
<p class="sub">Acknowledged adds per second over all queues together, ${r.settings.throughput.inflight} in flight per queue, median of ${r.settings.throughput.runs} run(s). On a cluster a queue's hash tag decides its slot and so its master.</p>
${throughputBars(r)}`;
  return renderPage({ title, body, charts });
}
