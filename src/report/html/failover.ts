import { serverLabel } from '../../servers/identity.js';
import type { FailoverResult, TrialResult } from '../../scenarios/failover/types.js';
import { MARKERS, type MarkerLetter } from '../timeline.js';
import { html, type Safe } from './escape.js';
import { renderPage, type ChartSpec } from './page.js';
import { workloadsSection } from './failover-workloads.js';
import { clientVersions } from '../client-versions.js';

// Completions first and thinner: while nothing fails they equal the acks, which stay visible on top.
const SERIES = [
  { key: 'completions', label: 'completions/s', color: '#16a34a', width: 3.5 },
  { key: 'acks', label: 'acks/s', color: '#2563eb', width: 1.5 },
  { key: 'failures', label: 'failures/s', color: '#dc2626', width: 2 },
] as const;
const MARK_COLOR: Record<MarkerLetter, string> = { F: '#111827', D: '#b45309', P: '#7c3aed', H: '#0e7490' };
const PROFILE_DASH = [undefined, [8, 4], [2, 3], [10, 3, 2, 3]];

/** Trials of one client profile (`trials[].client.profile`), each with its index in `trials`. A result without profiles is one unnamed profile. */
export interface ProfileTrials {
  name: string;
  trials: TrialResult[];
  /** Where each trial is in the result's `trials` (the JSON path the browser test compares with). */
  indexes: number[];
}

/** The result's trials grouped by the client profile that ran them, in the order the profiles first ran. */
export function profilesOf(r: FailoverResult): ProfileTrials[] {
  const named = new Map<string, ProfileTrials>();
  r.trials.forEach((t, i) => {
    const key = t.client?.profile ?? '';
    const group = named.get(key) ?? { name: key, trials: [], indexes: [] };
    group.trials.push(t);
    group.indexes.push(i);
    named.set(key, group);
  });
  return [...named.values()];
}

const dash = (v: number | null | undefined) => (v === null || v === undefined ? '-' : String(v));

/** A cell whose number the browser test compares with the JSON at `path`. */
const num = (path: string, v: number | null | undefined, bad = false): Safe => html`<td data-json="${path}" class="${bad && v ? 'bad' : ''}">${dash(v)}</td>`;

function perSecond(counts: number[], bucketMs: number): number[] {
  return counts.map((c) => Math.round((c * 1000) / bucketMs));
}

/** The marked moments of a trial in seconds after t0: the first event of each kind, as the terminal timeline marks them. */
function markers(t: TrialResult): NonNullable<ChartSpec['markers']> {
  const out = [{ x: 0, label: 'fault', color: MARK_COLOR.F }];
  for (const m of MARKERS.filter((m) => m.types.length)) {
    const first = t.events.filter((e) => m.types.includes(e.type)).sort((a, b) => a.atMs - b.atMs)[0];
    if (first) out.push({ x: first.atMs / 1000, label: m.meaning.split(' (')[0] ?? m.meaning, color: MARK_COLOR[m.letter] });
  }
  return out;
}

/** One chart per trial number; each profile's trial of that number is overlaid (same metric colour, own dash). */
function trialChart(n: number, profiles: ProfileTrials[]): ChartSpec | undefined {
  const trials = profiles.map((p) => ({ p, t: p.trials.find((t) => t.trial === n) })).filter((x): x is { p: ProfileTrials; t: TrialResult } => !!x.t);
  const [first] = trials;
  if (!first) return undefined;
  const bucketMs = first.t.timeline.bucketMs;
  const startMs = Math.min(...trials.map(({ t }) => t.timeline.startMs));
  const buckets = Math.max(
    ...trials.map(
      ({ t }) => Math.max(t.timeline.acks.length, t.timeline.completions.length, t.timeline.failures.length) + (t.timeline.startMs - startMs) / bucketMs,
    ),
  );
  const x = Array.from({ length: buckets }, (_, i) => (startMs + i * bucketMs) / 1000);
  const series = trials.flatMap(({ p, t }, pi) => {
    const offset = Math.round((t.timeline.startMs - startMs) / bucketMs);
    return SERIES.map((s) => {
      const rates = perSecond(t.timeline[s.key], t.timeline.bucketMs);
      const values = x.map((_, i) => (i - offset >= 0 && i - offset < rates.length ? (rates[i - offset] ?? null) : null));
      return {
        label: p.name ? `${p.name} ${s.label}` : s.label,
        values,
        color: s.color,
        width: s.width,
        ...(PROFILE_DASH[pi % PROFILE_DASH.length] && { dash: PROFILE_DASH[pi % PROFILE_DASH.length] }),
      };
    });
  });
  // Markers of the first profile: the topology's moments are the same fault's for every profile only when they ran together.
  return { id: `trial-${n}`, title: `trial ${n}`, xLabel: 'seconds after the fault', yLabel: 'per second', x, series, markers: markers(first.t) };
}

function timingTable(profiles: ProfileTrials[]): Safe {
  const named = profiles.some((p) => p.name);
  return html`<table><tr>${named && html`<th class="l">profile</th>`}<th>trial</th><th class="l">target</th><th>detect ms</th><th>promote ms</th><th>write gap ms</th><th>write outage ms</th><th>consume gap ms</th><th>consume outage ms</th><th class="l">verdict</th></tr>
${profiles.map((p) =>
  p.trials.map((t, ti) => {
    const at = `${pathOf(p, ti)}.metrics`;
    return html`<tr>${named && html`<td class="l">${p.name}</td>`}<td>${t.trial}</td><td class="l">${t.target.id} (${t.target.role})</td>${num(`${at}.detect_ms`, t.metrics.detect_ms)}${num(`${at}.promote_ms`, t.metrics.promote_ms)}${num(`${at}.write_gap_ms`, t.metrics.write_gap_ms)}${num(`${at}.write_outage_ms`, t.metrics.write_outage_ms)}${num(`${at}.consume_gap_ms`, t.metrics.consume_gap_ms)}${num(`${at}.consume_outage_ms`, t.metrics.consume_outage_ms)}<td class="l ${t.verdict === 'ok' ? 'good' : 'bad'}" data-json="${pathOf(p, ti)}.verdict">${t.verdict}</td></tr>\n`;
  }),
)}</table>`;
}

function accountingTable(profiles: ProfileTrials[]): Safe {
  const named = profiles.some((p) => p.name);
  const cols = ['issued', 'acked', 'failed', 'indeterminate', 'lost', 'recovered', 'duplicated', 'failedButPresent', 'reissued', 'overwritten'] as const;
  const bad = new Set(['lost', 'duplicated', 'failedButPresent', 'reissued', 'overwritten']);
  return html`<table><tr>${named && html`<th class="l">profile</th>`}<th>trial</th>${cols.map((c) => html`<th>${c === 'failedButPresent' ? 'failed but present' : c}</th>`)}</tr>
${profiles.map((p) =>
  p.trials.map(
    (t, ti) =>
      html`<tr>${named && html`<td class="l">${p.name}</td>`}<td>${t.trial}</td>${cols.map((c) => num(`${pathOf(p, ti)}.adds.${c}`, t.adds[c], bad.has(c)))}</tr>\n`,
  ),
)}</table>`;
}

/** The JSON path of a profile's trial. */
function pathOf(p: ProfileTrials, ti: number): string {
  return `trials.${p.indexes[ti]}`;
}

/** The outage breakdown (detection, election, the client's own time to follow) when the trial carries one. */
function breakdown(t: TrialResult): Safe | undefined {
  const raw = t.metrics.outage;
  if (!raw) return undefined;
  // Every key the result carries, in its order (a newer result may hold more than OutageBreakdown names).
  const rows: [string, unknown][] = Object.entries(raw);
  return html`<table class="kv"><tr><th class="l">outage breakdown</th><th>ms</th></tr>${rows.map(([k, v]) => html`<tr><td>${k}</td><td>${typeof v === 'number' || typeof v === 'string' ? v : '-'}</td></tr>`)}</table>`;
}

function trialSection(n: number, profiles: ProfileTrials[], chart: ChartSpec | undefined): Safe {
  const entries = profiles.flatMap((p) => p.trials.filter((t) => t.trial === n).map((t) => ({ p, t })));
  const first = entries[0]?.t;
  if (!first) throw new Error(`trial ${n}: no profile ran it, yet the trial numbers come from the profiles' trials`);
  return html`<h3>trial ${n}: ${first.fault} ${first.target.id} (${first.target.role}) at ${new Date(first.t0EpochMs).toISOString()}</h3>
${
  chart &&
  html`<div class="chart" id="${chart.id}" role="img" aria-label="acks, completions and failures per second, trial ${n}"></div>
<p class="legend-marks">${chart.markers?.map((m) => html`<span style="color:${m.color}">┆ ${m.label} ${m.x.toFixed(2)} s</span>`)}</p>`
}
${entries.map(
  ({ p, t }) => html`${p.name && html`<h4>${p.name}</h4>`}${breakdown(t)}${t.faultDetail && html`<p class="sub">${t.faultDetail}</p>`}
<ul class="notes">${t.notes.map((note) => html`<li>${note}</li>`)}${t.adds.lostIds.length > 0 && html`<li class="bad">lost: ${t.adds.lostIds.slice(0, 20).join(', ')}</li>`}${t.adds.errors.map((e) => html`<li>${e.count} add(s) got: ${e.message}</li>`)}</ul>`,
)}`;
}

/** min / median / max over trials, when there is more than one (one trial's are its own row again). */
function summary(r: FailoverResult): Safe | undefined {
  if (r.trials.length < 2) return undefined;
  return html`<h3>Over ${r.trials.length} trials</h3><table><tr><th class="l">metric</th><th>min</th><th>median</th><th>max</th></tr>
${Object.entries(r.summary).map(([k, s]) => html`<tr><td class="l">${k}</td>${num(`summary.${k}.min`, s.min)}${num(`summary.${k}.median`, s.median)}${num(`summary.${k}.max`, s.max)}</tr>\n`)}</table>`;
}

function thresholds(r: FailoverResult): Safe | undefined {
  const { maxWriteGapMs, maxLost } = r.thresholds;
  const set = [...(maxWriteGapMs !== undefined ? [`write gap ≤ ${maxWriteGapMs} ms`] : []), ...(maxLost !== undefined ? [`lost ≤ ${maxLost}`] : [])];
  if (!set.length) return undefined;
  return html`<p class="${r.breaches.length ? 'bad' : 'good'}">thresholds: ${set.join(', ')}${r.breaches.length ? '' : ': met'}</p>`;
}

function environment(r: FailoverResult): Safe {
  const e = r.environment;
  if (!e) return html`<p class="sub">environment: not recorded in this result</p>`;
  // With --client the libraries that ran are the profiles' (--app-dir: the application's).
  const libs = clientVersions(r.trials.flatMap((t) => (t.client ? [t.client] : [])));
  return html`<table class="kv"><tr><td>server</td><td>${serverLabel(e.server, e.redisVersion)}</td></tr><tr><td>redis_version</td><td data-json="environment.redisVersion">${e.redisVersion}</td></tr><tr><td>Node</td><td data-json="environment.node">${e.node}</td></tr><tr><td>BullMQ${libs ? " (redis-arc's)" : ''}</td><td data-json="environment.bullmq">${e.bullmq}</td></tr>${libs && html`<tr><td>clients ran</td><td>${libs}</td></tr>`}<tr><td>cores</td><td data-json="environment.cpus">${e.cpus}</td></tr><tr><td>started</td><td>${e.at}</td></tr></table>`;
}

export function failoverHtml(r: FailoverResult): string {
  const profiles = profilesOf(r);
  const numbers = [...new Set(profiles.flatMap((p) => p.trials.map((t) => t.trial)))].sort((a, b) => a - b);
  const charts = numbers.map((n) => trialChart(n, profiles));
  const failed = r.breaches.length > 0;
  const title = `failover-test: ${r.kind}, ${r.fault}`;
  const body = html`<h1>${title}</h1>
<p class="sub">${r.mode} mode, ${r.rate} adds/s, ${r.trials.length} trial(s)${profiles.length > 1 && html`, profiles ${profiles.map((p) => p.name).join(', ')}`}; <span class="${failed ? 'bad' : 'good'}" id="outcome">${failed ? `${r.breaches.length} breach(es)` : 'no breach'}</span></p>
${failed && html`<ul class="bad">${r.breaches.map((b) => html`<li>${b}</li>`)}</ul>`}
<h2>Over time</h2>
<p class="sub">Adds acknowledged, jobs completed and adds failed per second (${r.trials[0]?.timeline.bucketMs ?? 100} ms buckets); the fault at 0 s, then detection, promotion and heal as the topology reported them.</p>
${numbers.map((n, i) => trialSection(n, profiles, charts[i]))}
<h2>Timings</h2>
${timingTable(profiles)}
${summary(r)}
${thresholds(r)}
<h2>Every add accounted for</h2>
${accountingTable(profiles)}
${workloadsSection(r)}
<h2>Environment</h2>
${environment(r)}`;
  return renderPage({ title, body, charts: charts.filter((c): c is ChartSpec => !!c) });
}
