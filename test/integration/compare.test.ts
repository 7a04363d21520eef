/**
 * `compare` on a short run (one trial, small counts) against real sentinel, cluster and standalone
 * topologies, each booted, measured and torn down in turn: the table is assembled from what was
 * measured, and each verdict agrees with the numbers beside it. Ports 9300-9349 (cluster bus 19320-19325).
 */
import { connect as tcp } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareText } from '../../src/report/compare.js';
import { compareHtml } from '../../src/report/html/index.js';
import { CLAIMS, SEED_FAILOVER_MS } from '../../src/scenarios/compare/claims.js';
import { comparePorts } from '../../src/scenarios/compare/defaults.js';
import { runCompare } from '../../src/scenarios/compare/index.js';
import type { CompareResult, CompareSettings } from '../../src/scenarios/compare/types.js';
import { compareRows } from '../../src/scenarios/compare/verdicts.js';
import { lower } from '../../src/scenarios/compare/verdict-text.js';
import { startAtPorts } from '../helpers/topology.js';

/** sentinel 9300-9302 + 9310-9312, cluster 9320-9325, standalone 9340. */
const PORTS = comparePorts(9300);
const settings: CompareSettings = {
  topologies: ['sentinel', 'cluster', 'standalone'],
  downAfterMs: 1000,
  trials: 1,
  queues: 3,
  failover: { rate: 50, warmupMs: 500, settleMs: 500 },
  latency: { rate: 100, durationS: 1, runs: 1 },
  throughput: { jobs: 100, inflight: 8, runs: 1 },
};

let result: CompareResult;
const steps: string[] = [];
beforeAll(async () => {
  result = await runCompare({ settings, ports: PORTS, start: startAtPorts, onProgress: (m) => steps.push(m) });
}, 120_000);

/** Is anything listening on the port (in this test's network namespace)? */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = tcp(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}

const rowOf = (claim: string) => result.rows.find((r) => r.claim === claim)!;
const by = (kind: string) => result.measurements.find((m) => m.kind === kind)!;

describe('compare, short run', () => {
  it('measures every topology in turn and leaves nothing running', async () => {
    expect(result.measurements.map((m) => m.kind)).toEqual(['sentinel', 'cluster', 'standalone']);
    expect(result.environment).toMatchObject({ redisVersion: expect.stringMatching(/^\d+\.\d+/), cpus: expect.any(Number), node: process.version });
    const ports = [9300, 9301, 9302, 9310, 9311, 9312, 9320, 9321, 9322, 9323, 9324, 9325, 19320, 9340];
    expect(await Promise.all(ports.map(listening))).toEqual(ports.map(() => false));
    // One at a time: each topology was torn down before the next one booted.
    const firstCluster = steps.findIndex((s) => s.startsWith('cluster:'));
    expect(steps.slice(0, firstCluster).some((s) => s === 'sentinel: tearing down')).toBe(true);
  });

  it('counts the processes and ports each topology is made of', () => {
    expect([by('sentinel'), by('cluster'), by('standalone')].map((m) => [m.resources.processes, m.resources.ports])).toEqual([
      [6, 6],
      [6, 12],
      [1, 1],
    ]);
    for (const m of result.measurements) {
      expect(m.resources.rssKiB.idle).toBeGreaterThan(1024);
      expect(m.resources.setupMs).toBeGreaterThan(0);
      expect(m.resources.teardownMs).toBeGreaterThan(0);
    }
    expect(rowOf(CLAIMS.processes.claim).verdict).toBe('holds');
  });

  it('fails each replicated topology over after a crash and a planned failover, and not the standalone', () => {
    expect(by('sentinel').failover.crash?.fault).toBe('kill');
    expect(by('sentinel').failover.graceful?.fault).toBe('sentinel-failover');
    expect(by('cluster').failover.graceful?.fault).toBe('cluster-failover');
    expect(by('standalone').failover).toEqual({});
    for (const kind of ['sentinel', 'cluster']) {
      for (const r of Object.values(by(kind).failover)) {
        expect(r.trials).toHaveLength(1);
        expect(r.trials[0]!.verdict, `${kind} ${r.fault}: ${r.trials[0]!.notes.join('; ')}`).toBe('ok');
      }
    }
  });

  it('the failover-time rows follow their numbers: 5-10 s was set for down-after 5000, this run detects in 1000', () => {
    for (const [claim, kind] of [
      [CLAIMS.failoverSentinel.claim, 'sentinel'],
      [CLAIMS.failoverCluster.claim, 'cluster'],
    ] as const) {
      const gap = by(kind).failover.crash!.trials[0]!.metrics.write_gap_ms!;
      const inWindow = gap >= SEED_FAILOVER_MS.min && gap <= SEED_FAILOVER_MS.max;
      expect(rowOf(claim).verdict, `${kind} gap ${gap} ms`).toBe(inWindow ? 'holds' : 'depends');
      expect(rowOf(claim).measured).toContain(`write gap ${(gap / 1000).toFixed(1)} s`);
    }
  });

  it('the sentinel-vs-cluster rows follow their numbers', () => {
    const gaps = [by('sentinel'), by('cluster')].map((m) => m.failover.crash!.summary.write_gap_ms.median!);
    const faster = rowOf(CLAIMS.fasterFailover.claim);
    expect(faster.verdict, faster.measured).toBe(lower(gaps[0]!, gaps[1]!) === 'a' ? 'holds' : 'does not hold');
    const p50 = [by('sentinel'), by('cluster')].map((m) => ('p50' in m.latency ? m.latency.p50 : NaN));
    const latency = rowOf(CLAIMS.lowerLatency.claim);
    expect(latency.measured).toContain(`sentinel p50 ${p50[0]} ms`);
    if (lower(p50[0]!, p50[1]!) !== 'a') expect(latency.verdict).toBe('does not hold');
    const decision = result.decision!;
    expect(decision.sentinel.length + decision.cluster.length + decision.even.length).toBe(10);
  });

  it('a planned failover contradicts the analysis: writes pause far less than 5 seconds', () => {
    const outages = [by('sentinel'), by('cluster')].map((m) => m.failover.graceful!.trials[0]!.metrics.write_outage_ms);
    expect(
      outages.every((g) => g !== null && g < SEED_FAILOVER_MS.min),
      `outages ${outages.join(', ')}`,
    ).toBe(true);
    const row = result.rows.find((r) => r.claim.includes('planned failover'))!;
    expect(row.verdict).toBe('does not hold');
    expect(row.why).toContain('skips failure detection');
  });

  it('puts every queue under one shared tag in one slot on one master, and spreads per-queue tags over the masters', () => {
    const { shared, spread, one } = by('cluster').throughput;
    expect(new Set(shared.slots).size).toBe(1);
    expect(new Set(shared.masters).size).toBe(1);
    expect(new Set(spread!.masters).size).toBe(3);
    expect(spread!.prefixes.every((p) => /^\{bull:compare-\d+\}$/.test(p))).toBe(true);
    for (const t of [one, shared, spread!]) expect(t.jobsPerSec).toBeGreaterThan(0);
    expect(by('sentinel').throughput.spread).toBeUndefined();
    const row = rowOf(CLAIMS.defeatsPurpose.claim);
    expect(row.verdict).toBe('depends');
    expect(row.measured).toContain(`all in slot ${shared.slots![0]} on ${shared.masters![0]}`);
  });

  it('the write-scaling verdict says when this machine has too few cores to show it', () => {
    const row = rowOf(CLAIMS.writeScaling.claim);
    if (result.environment.cpus < by('cluster').masters + 1) {
      expect(row.verdict).toBe('depends');
      expect(row.why).toContain(`this machine has ${result.environment.cpus} for 3 masters`);
    } else expect(['holds', 'does not hold']).toContain(row.verdict);
  });

  it('measures latency on every topology, standalone as the baseline', () => {
    for (const m of result.measurements) expect(m.latency, m.kind).toMatchObject({ p50: expect.any(Number), p99: expect.any(Number) });
    expect(rowOf(CLAIMS.lowerLatency.claim).measured).toContain('standalone p50');
  });

  it('prints every claim beside its measurement, and --json carries the same rows', () => {
    const text = compareText(result);
    for (const row of result.rows) expect(text.replace(/\s+/g, ' ')).toContain(row.claim.split(' ').slice(0, 3).join(' '));
    expect(text).toContain(`Redis ${result.environment.redisVersion}`);
    const json = JSON.parse(JSON.stringify(result)) as CompareResult;
    expect(compareRows(json)).toEqual(result.rows);
    expect(result.rows.map((r) => r.verdict)).not.toContain('not measured');
  });

  it('its HTML page (compare --report) shows the measured numbers and charts every trial', () => {
    const page = compareHtml(result);
    const decode = (t: string) => t.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n))).replace(/&amp;/g, '&');
    const at = (path: string) => path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], result);
    const cells = [...page.matchAll(/data-json="([^"]+)"[^>]*>([^<]*)</g)].map((m) => [m[1]!, decode(m[2]!)] as const);
    expect(cells.length).toBeGreaterThan(80);
    for (const [path, text] of cells) expect(text, path).toBe(at(path) === null || at(path) === undefined ? '-' : String(at(path)));
    const charts = JSON.parse(/id="report-data">(.*?)<\/script>/s.exec(page)![1]!) as { charts: { id: string; series: { label: string }[] }[] };
    expect(charts.charts.find((c) => c.id === 'failover-gaps')!.series.map((s) => s.label)).toEqual([
      'sentinel kill',
      'sentinel sentinel-failover',
      'cluster kill',
      'cluster cluster-failover',
    ]);
  });
});
