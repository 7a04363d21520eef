import type { FailoverResult } from '../../scenarios/failover/types.js';
import { html, type Safe } from './escape.js';

/** A workload's figure in one trial, with the JSON path it came from. */
const cell = (path: string, v: number | null | undefined): Safe => html`<td data-json="${path}">${v === null || v === undefined ? '-' : v}</td>`;

/**
 * `--workload`: a table per workload (each has figures of its own), a row per trial and profile,
 * every figure linked to its place in the JSON; then the workload's broken invariants.
 */
export function workloadsSection(r: FailoverResult): Safe | undefined {
  const rows = r.trials.flatMap((t, ti) => (t.workloads ?? []).map((w, wi) => ({ t, ti, w, wi })));
  if (!rows.length) return undefined;
  const names = [...new Set(rows.map((x) => x.w.workload))];
  return html`<h2>Workloads</h2>
<p class="sub">The BullMQ features run beside the plain load on each trial's client, checked on the final master after the heal (docs/METRICS.md "Workloads").</p>
${names.map((name) => {
  const mine = rows.filter((x) => x.w.workload === name);
  const figures = [...new Set(mine.flatMap((x) => Object.keys(x.w.figures)))];
  const problems = mine.flatMap((x) => x.w.problems.map((p) => `trial ${x.t.trial}${x.t.client ? ` (${x.t.client.profile})` : ''}: ${p.line}`));
  return html`<h3 class="workload">${name}</h3>
<table><tr><th class="l">profile</th><th>trial</th>${figures.map((f) => html`<th>${f.replace(/_/g, ' ')}</th>`)}<th class="l">invariants</th></tr>
${mine.map(
  ({ t, ti, w, wi }) =>
    html`<tr><td class="l">${t.client?.profile ?? 'redis-arc'}</td><td>${t.trial}</td>${figures.map((f) => cell(`trials.${ti}.workloads.${wi}.figures.${f}`, w.figures[f]))}<td class="l ${w.problems.length ? 'bad' : 'good'}">${w.problems.length ? `${w.problems.length} broken` : 'held'}</td></tr>\n`,
)}</table>
${problems.length > 0 && html`<ul class="notes bad">${problems.map((p) => html`<li>${p}</li>`)}</ul>`}`;
})}`;
}
