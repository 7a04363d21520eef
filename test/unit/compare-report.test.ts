/**
 * The compare page from a saved `compare --json` (test/fixtures/compare-result.json: the run
 * recorded in bench/results/2026-11-29-compare-topologies.json): every number a cell shows is the
 * JSON's, each claim has its row with its verdict coloured, values cannot inject markup, and a
 * saved compare result is told apart from the others. test/integration/html-report.browser.test.ts
 * renders it in Chromium.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareHtml, reportHtml } from '../../src/report/html/index.js';
import { esc } from '../../src/report/html/escape.js';
import type { CompareResult } from '../../src/scenarios/compare/types.js';
import { readResult, resultKind } from '../../src/scenarios/results/read.js';

const FIXTURE = join(import.meta.dirname, '../fixtures/compare-result.json');
// The fixture was saved before results carried their `result` tag: read back by its shape.
const compare = () => readResult(JSON.parse(readFileSync(FIXTURE, 'utf8')), FIXTURE, 'compare');

/** The text of an element as a browser shows it: character references decoded. */
const decode = (s: string) => s.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n))).replace(/&amp;/g, '&');

/** Every `data-json` element: its JSON path and the text it shows. */
function cells(page: string): [string, string][] {
  return [...page.matchAll(/data-json="([^"]+)"[^>]*>([^<]*)</g)].map((m) => [m[1]!, decode(m[2]!)]);
}

const at = (value: unknown, path: string): unknown => path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], value);
const shown = (v: unknown) => (v === null || v === undefined ? '-' : String(v));
const chartData = (page: string) =>
  JSON.parse(/<script type="application\/json" id="report-data">(.*?)<\/script>/s.exec(page)![1]!) as {
    charts: { id: string; x: number[]; series: { label: string; values: (number | null)[]; dash?: number[] }[] }[];
  };

describe('compare report', () => {
  it('shows the JSON’s numbers in its cells: environment, every claim row, the figures, every trial, every throughput run', () => {
    const r = compare();
    const page = compareHtml(r);
    const found = cells(page);
    for (const [path, text] of found) expect(text, path).toBe(shown(at(r, path)));
    const paths = found.map(([p]) => p);
    expect(paths).toEqual(
      expect.arrayContaining([
        'environment.cpus',
        'environment.redisVersion',
        'settings.downAfterMs',
        'measurements.0.failover.crash.summary.write_gap_ms.median',
        'measurements.1.failover.graceful.trials.2.metrics.write_outage_ms',
        'measurements.1.throughput.spread.jobsPerSec',
        'measurements.2.latency.p99',
        'measurements.2.resources.rssKiB.afterWork',
        'decision.sentinel.0',
      ]),
    );
    // One verdict cell per claim, in the result's order.
    for (let i = 0; i < r.rows.length; i++) expect(paths).toContain(`rows.${i}.verdict`);
    expect(paths.filter((p) => /^rows\.\d+\.verdict$/.test(p))).toHaveLength(r.rows.length);
    // Every trial of every failover has its row.
    const trials = r.measurements.flatMap((m) => [m.failover.crash, m.failover.graceful]).reduce((n, f) => n + (f?.trials.length ?? 0), 0);
    expect(paths.filter((p) => /\.trials\.\d+\.metrics\.write_gap_ms$/.test(p))).toHaveLength(trials);
    // Standalone has no failover: its cells say '-' and point nowhere.
    expect(paths.some((p) => p.startsWith('measurements.2.failover'))).toBe(false);
  });

  it('colours each verdict: holds green, does not hold red, depends amber', () => {
    const page = compareHtml(compare());
    const verdicts = [...page.matchAll(/class="l (\w+)" data-json="rows\.\d+\.verdict">([^<]*)</g)].map((m) => [m[2], m[1]]);
    expect(verdicts).toEqual(
      expect.arrayContaining([
        ['holds', 'good'],
        ['does not hold', 'bad'],
        ['depends', 'warn'],
      ]),
    );
    expect(page).toMatch(
      /id="verdict-counts">Verdicts: <span class="good">5 holds<\/span>, <span class="bad">2 does not hold<\/span>, <span class="warn">3 depends<\/span>/,
    );
    // The recorded run's load (6.85 on 2 cores) makes its figures noisy, and the page says so.
    expect(page).toContain('id="load-warning"');
  });

  it('charts the write gap of every trial per topology and fault, and the latency percentiles', () => {
    const r = compare();
    const data = chartData(compareHtml(r));
    expect(data.charts.map((c) => c.id)).toEqual(['failover-gaps', 'latency']);
    const gaps = data.charts[0]!;
    expect(gaps.series.map((s) => s.label)).toEqual(['sentinel kill', 'sentinel sentinel-failover', 'cluster kill', 'cluster cluster-failover']);
    expect(gaps.series[0]!.values).toEqual(r.measurements[0]!.failover.crash!.trials.map((t) => t.metrics.write_gap_ms! / 1000));
    expect(gaps.series[1]!.dash).toBeDefined();
    expect(data.charts[1]!.series.map((s) => s.label)).toEqual(['sentinel', 'cluster', 'standalone']);
  });

  it('reads a result with one topology, a failed latency run and a trial whose writes never came back', () => {
    const r = compare();
    const one: CompareResult = { ...r, measurements: [r.measurements[2]!], settings: { ...r.settings, topologies: ['standalone'] }, decision: undefined };
    one.measurements[0] = { ...one.measurements[0]!, latency: { error: 'job 7 failed: <b>boom</b>' } };
    const page = compareHtml(one);
    expect(chartData(page).charts).toEqual([]);
    expect(page).toContain('No topology here was failed over.');
    expect(page).toContain(esc('job 7 failed: <b>boom</b>'));
    for (const [path, text] of cells(page)) expect(text, path).toBe(shown(at(one, path)));

    const never = compare();
    never.measurements[1]!.failover.crash!.trials[0]!.metrics.write_gap_ms = null;
    const nv = compareHtml(never);
    expect(chartData(nv).charts[0]!.series[2]!.values[0]).toBeNull();
    expect(nv).toContain('data-json="measurements.1.failover.crash.trials.0.metrics.write_gap_ms" class="">-<');
  });

  it('writes values from Redis and users as text: markup in them cannot run or close the data script', () => {
    const r = compare();
    const evil = '<img src=x onerror=alert(1)>';
    r.rows[0]!.claim = evil;
    r.rows[1]!.measured = '</script><script>alert(2)</script>';
    r.measurements[1]!.throughput.shared.prefixes = [`"'><svg onload=alert(3)>`, '{bull}', '{bull}'];
    r.measurements[0]!.failover.crash!.trials[0]!.target.id = evil;
    r.decision!.sentinel[0] = evil;
    r.environment.redisVersion = evil;
    const page = compareHtml(r);
    expect(page).not.toContain('<img src=x');
    expect(page).not.toContain('<script>alert');
    expect(page).not.toContain('<svg onload');
    expect(page).toContain(esc(evil));
    // Exactly our own scripts: the data block, uPlot and the chart script.
    expect(page.match(/<script\b/g)).toHaveLength(3);
    for (const [path, text] of cells(page)) expect(text, path).toBe(shown(at(r, path)));
  });

  it('needs no network: no external source, and a policy that forbids any', () => {
    const page = compareHtml(compare());
    expect(page).not.toMatch(/\b(src|href)\s*=\s*["']?(https?:)?\/\//i);
    expect(page).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; [^"]*script-src &#39;sha256-/);
  });
});

describe('a saved compare result', () => {
  it('is told apart by its shape and reported as a compare page', () => {
    const r = compare();
    expect(resultKind(r)).toBe('compare');
    expect(resultKind({ ...r, schemaVersion: 2 })).toBeUndefined();
    expect(resultKind({ schemaVersion: 1, measurements: [], rows: 'x', settings: {} })).toBeUndefined();
    expect(reportHtml(r, 'compare.json')).toContain('<title>compare: sentinel, cluster, standalone</title>');
  });
});
