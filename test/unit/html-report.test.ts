/**
 * The HTML report from a result, without a browser: every number a cell shows is the JSON's,
 * values from Redis or a user cannot inject markup, saved results are told apart by shape, and
 * the page needs no network. test/integration/html-report.browser.test.ts renders it in Chromium.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { benchHtml, failoverHtml } from '../../src/report/html/index.js';
import { reportHtml } from '../../src/report/html/index.js';
import { esc, jsonForScript } from '../../src/report/html/escape.js';
import type { BenchResult } from '../../src/scenarios/bench/types.js';
import type { FailoverResult } from '../../src/scenarios/failover/types.js';
import { readResult, resultKind } from '../../src/scenarios/results/read.js';

const FIXTURE = join(import.meta.dirname, '../fixtures/failover-result.json');
// The fixture was saved before results carried their `result` tag: read back by its shape.
const failover = () => readResult(JSON.parse(readFileSync(FIXTURE, 'utf8')), FIXTURE, 'failover');

function bench(): BenchResult {
  const run = (jobsPerSec: number) => ({ jobs: 1000, elapsedMs: 1000, jobsPerSec });
  const lat = { p50: 1.2, p90: 2.5, p99: 7.75, p999: 12, max: 20.5 };
  return {
    schemaVersion: 1,
    result: 'bench',
    environment: { redisVersion: '7.0.15', topology: 'sentinel', node: 'v20.0.0', bullmq: '6.7.0', ioredis: '5.0.0', cpus: 2, at: '2026-01-01T00:00:00Z' },
    settings: { jobs: 1000, inflight: 64, batch: 50, rate: 500, durationS: 5, runs: 3, payloadBytes: 100, warmupJobs: 200, concurrencies: [1] },
    results: [
      { scenario: 'add', mode: 'direct', runs: [run(900), run(1000), run(1100)], median: { jobsPerSec: 1000 }, spreadPct: 20 },
      { scenario: 'latency', mode: 'bus', runs: [run(500)], median: { jobsPerSec: 500, latencyMs: lat }, spreadPct: 0 },
    ],
    decisionMatrix: [
      { criterion: 'throughput', stars: { direct: '★★★', bus: '★★', manager: '★' }, measured: { bus: 0.8, manager: null }, basis: 'add jobs/s vs direct' },
    ],
  };
}

/** Every `data-json` cell: its JSON path and the text it shows. */
function cells(page: string): [string, string][] {
  return [...page.matchAll(/data-json="([^"]+)"[^>]*>([^<]*)</g)].map((m) => [m[1]!, m[2]!]);
}

function at(value: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], value);
}

const shown = (v: unknown) => (v === null || v === undefined ? '-' : String(v));

describe('failover report', () => {
  it('shows the JSON’s numbers in its tables, one chart per trial and the marked moments', () => {
    const r = failover();
    const page = failoverHtml(r);
    const found = cells(page);
    expect(found.length).toBeGreaterThan(20);
    for (const [path, text] of found) expect(text, path).toBe(shown(at(r, path)));
    expect(found.map(([p]) => p)).toEqual(expect.arrayContaining(['trials.0.adds.acked', 'trials.1.metrics.promote_ms', 'environment.redisVersion']));
    const data = JSON.parse(/<script type="application\/json" id="report-data">(.*?)<\/script>/s.exec(page)![1]!) as {
      charts: { id: string; markers: { label: string }[]; series: { label: string }[] }[];
    };
    expect(data.charts.map((c) => c.id)).toEqual(['trial-1', 'trial-2']);
    expect(data.charts[0]!.markers.map((m) => m.label)).toEqual(['fault', 'down detected', 'promoted', 'fault healed']);
    expect(data.charts[0]!.series.map((s) => s.label)).toEqual(['completions/s', 'acks/s', 'failures/s']);
  });

  it('shows each workload’s figures per trial, linked to the JSON, and its broken invariants as text', () => {
    const r = failover();
    r.trials[0]!.workloads = [
      {
        workload: 'flow',
        figures: { parents_acked: 119, parents_never_completed: 46, stuck_waiting_children: null },
        problems: [{ kind: 'lost', count: 46, line: 'flow: 46 acknowledged parents never completed <b>' }],
        notes: [],
      },
      { workload: 'scheduler', figures: { fired: 41, exists_after: 1 }, problems: [], notes: [] },
    ];
    const page = failoverHtml(r);
    const found = cells(page).filter(([path]) => path.includes('.workloads.'));
    expect(found.map(([path]) => path)).toEqual([
      'trials.0.workloads.0.figures.parents_acked',
      'trials.0.workloads.0.figures.parents_never_completed',
      'trials.0.workloads.0.figures.stuck_waiting_children',
      'trials.0.workloads.1.figures.fired',
      'trials.0.workloads.1.figures.exists_after',
    ]);
    for (const [path, text] of found) expect(text, path).toBe(shown(at(r, path)));
    expect(page).toContain('<h3 class="workload">flow</h3>');
    expect(page).toContain('flow: 46 acknowledged parents never completed &#60;b&#62;');
    expect(page).not.toContain('completed <b>');
  });

  it('needs no network: no external source, and a policy that forbids any', () => {
    const page = failoverHtml(failover());
    expect(page).not.toMatch(/\b(src|href)\s*=\s*["']?(https?:)?\/\//i);
    expect(page).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; [^"]*script-src &#39;sha256-/);
  });

  it('writes values from Redis and users as text: markup in them cannot run or close the data script', () => {
    const r = failover();
    const evil = '<img src=x onerror=alert(1)>';
    r.trials[0]!.target.id = evil;
    r.trials[0]!.notes = ['</script><script>alert(2)</script>'];
    r.trials[0]!.adds.errors = [{ message: `"'><svg onload=alert(3)>`, count: 1 }];
    r.trials[0]!.events.push({ atMs: 5, epochMs: 0, type: '+odown', source: evil, detail: evil });
    const page = failoverHtml(r);
    expect(page).not.toContain('<img src=x');
    expect(page).not.toContain('<script>alert');
    expect(page).not.toContain('<svg onload');
    expect(page).toContain(esc(evil));
    // Exactly our own scripts: the data block, uPlot and the chart script.
    expect(page.match(/<script\b/g)).toHaveLength(3);
  });

  it('overlays profiles when the result has several, and reads results saved before profiles existed', () => {
    const r = failover();
    const client = (profile: string) => ({ profile, bullmq: '6.7.0', ioredis: '6.0.0', jobIds: 'tool' as const });
    const withProfiles: FailoverResult = {
      ...r,
      trials: r.trials.flatMap((t) => [
        { ...t, client: client('defaults') },
        { ...t, client: client('redis-arc') },
      ]),
    };
    const page = failoverHtml(withProfiles);
    const data = JSON.parse(/id="report-data">(.*?)<\/script>/s.exec(page)![1]!) as { charts: { series: { label: string }[] }[] };
    expect(data.charts[0]!.series.map((s) => s.label)).toEqual(expect.arrayContaining(['defaults acks/s', 'redis-arc acks/s']));
    for (const [path, text] of cells(page)) expect(text, path).toBe(shown(at(withProfiles, path)));
    const old = { ...r, environment: undefined };
    expect(failoverHtml(old)).toContain('environment: not recorded in this result');
  });

  it('shows an outage breakdown when a trial carries one', () => {
    const r = failover();
    r.trials[0]!.metrics.outage = { detection_ms: 1000, election_ms: 1300, follow_ms: 77 };
    expect(failoverHtml(r)).toMatch(/outage breakdown.*follow_ms<\/td><td>77</s);
  });
});

describe('bench report', () => {
  it('shows throughput, spread, latency percentiles, the decision matrix and the baseline comparison', () => {
    const r = bench();
    const page = benchHtml(r, { rows: [{ key: 'add/direct', baseline: 1500, current: 1000, regressionPct: 33.3, regressed: true }], maxRegressionPct: 10 });
    const found = cells(page);
    for (const [path, text] of found) expect(text, path).toBe(shown(at(r, path)));
    expect(found.map(([p]) => p)).toEqual(
      expect.arrayContaining(['results.0.median.jobsPerSec', 'results.1.median.latencyMs.p999', 'decisionMatrix.0.measured.bus']),
    );
    expect(page).toContain('REGRESSED');
    expect(page).toMatch(/class="bad" data-json="results.0.spreadPct">20</);
  });
});

describe('a saved result', () => {
  it('is told apart by its shape', () => {
    expect(resultKind(failover())).toBe('failover');
    expect(resultKind(bench())).toBe('bench');
    expect(resultKind({ schemaVersion: 2, trials: [], fault: 'kill' })).toBeUndefined();
    expect(resultKind([])).toBeUndefined();
    expect(() => reportHtml({ hello: 1 }, 'x.json')).toThrow(/^x\.json: not a redis-arc failover-test, bench or compare result/);
  });

  it('embeds its chart data so no value can end the script element', () => {
    expect(jsonForScript({ a: '</script><!--' })).toBe('{"a":"\\u003c/script\\u003e\\u003c!--"}');
  });
});
