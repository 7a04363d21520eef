/**
 * compare's verdict logic on measured inputs: each row holds, does not hold or depends on what
 * the numbers say, including measurements that contradict the seed analysis.
 */
import { describe, expect, it } from 'vitest';
import { compareText, wrap } from '../../src/report/compare.js';
import { summarize } from '../../src/scenarios/failover/measure/metrics.js';
import type { FailoverResult, TrialResult } from '../../src/scenarios/failover/types.js';
import { CLAIMS } from '../../src/scenarios/compare/claims.js';
import type { CompareResult, Throughput, TopologyMeasurement } from '../../src/scenarios/compare/types.js';
import { decision } from '../../src/scenarios/compare/decision.js';
import { compareRows, defeatsPurpose, lowerLatency, writeScaling } from '../../src/scenarios/compare/verdicts.js';
import { failoverTime, fasterFailover, plannedFailover } from '../../src/scenarios/compare/failover-verdicts.js';
import { lower } from '../../src/scenarios/compare/verdict-text.js';

/** A failover result with these write gaps and outages (ms; null: writes never came back) and lost counts. */
function failover(
  kind: 'sentinel' | 'cluster',
  fault: FailoverResult['fault'],
  gaps: (number | null)[],
  lost: number[] = gaps.map(() => 0),
  outagesMs: (number | null)[] = gaps,
): FailoverResult {
  const trials = gaps.map(
    (g, i) =>
      ({
        trial: i + 1,
        fault,
        metrics: { detect_ms: fault === 'kill' ? 1000 : null, promote_ms: g, write_gap_ms: g, write_outage_ms: outagesMs[i] },
        adds: { lost: lost[i] },
        verdict: g === null ? 'writes-stuck' : 'ok',
      }) as unknown as TrialResult,
  );
  return {
    schemaVersion: 1,
    result: 'failover',
    kind,
    fault,
    mode: 'direct',
    rate: 100,
    trials,
    summary: {
      detect_ms: summarize(trials.map((t) => t.metrics.detect_ms)),
      promote_ms: summarize(gaps),
      write_gap_ms: summarize(gaps),
      consume_gap_ms: summarize(gaps),
      lost: summarize(lost),
    },
    thresholds: {},
    breaches: [],
  };
}

const tp = (jobsPerSec: number, masters?: string[], slot = 100): Throughput => ({
  queues: masters?.length ?? 3,
  prefixes: (masters ?? ['a', 'b', 'c']).map((_, i) => (masters && new Set(masters).size > 1 ? `{bull:compare-${i}}` : '{bull}')),
  ...(masters && { masters, slots: masters.map((_, i) => (new Set(masters).size > 1 ? slot + i * 6000 : slot)) }),
  jobsPerSec,
  runs: [jobsPerSec],
});

function topology(
  kind: 'sentinel' | 'cluster' | 'standalone',
  o: { p50?: number; p99?: number; shared?: Throughput; spread?: Throughput; processes?: number; ports?: number; rss?: number; setupMs?: number } = {},
): TopologyMeasurement {
  return {
    kind,
    masters: kind === 'cluster' ? 3 : 1,
    failover: {},
    latency: { rate: 200, durationS: 5, runs: 1, p50: o.p50 ?? 1, p99: o.p99 ?? 5, max: 20, p50s: [o.p50 ?? 1] },
    throughput: { one: tp(5000), shared: o.shared ?? tp(9000), ...(o.spread && { spread: o.spread }) },
    resources: {
      processes: o.processes ?? 6,
      ports: o.ports ?? 6,
      rssKiB: { idle: o.rss ?? 70_000, afterWork: o.rss ?? 100_000 },
      setupMs: o.setupMs ?? 500,
      teardownMs: 200,
    },
  };
}

describe('failover time: "5-10 seconds"', () => {
  it('holds when every write gap is within 5-10 s', () => {
    expect(failoverTime(CLAIMS.failoverSentinel, failover('sentinel', 'kill', [5600, 6100, 7200]), 5000).verdict).toBe('holds');
  });
  it('depends on down-after when the run used another one than the analysis', () => {
    const row = failoverTime(CLAIMS.failoverCluster, failover('cluster', 'kill', [2300]), 1000);
    expect(row.verdict).toBe('depends');
    expect(row.why).toMatch(/^on down-after-milliseconds \/ cluster-node-timeout: 1000 ms here/);
  });
  it("does not hold when gaps fall outside 5-10 s at the analysis' own 5000 ms", () => {
    expect(failoverTime(CLAIMS.failoverSentinel, failover('sentinel', 'kill', [11_500, 12_000]), 5000).verdict).toBe('does not hold');
  });
  it('does not hold when writes never came back, and names lost jobs', () => {
    const row = failoverTime(CLAIMS.failoverSentinel, failover('sentinel', 'kill', [6000, null], [3, 0]), 5000);
    expect(row.verdict).toBe('does not hold');
    expect(row.why).toBe('writes did not come back in 1 trial(s); 3 acknowledged job(s) lost in a trial');
  });
  it('is not measured without the topology', () => {
    expect(failoverTime(CLAIMS.failoverSentinel, undefined, 5000).verdict).toBe('not measured');
  });
  it('a planned failover that takes under a second contradicts the one figure the analysis gives', () => {
    const row = plannedFailover(failover('sentinel', 'sentinel-failover', [1200]), failover('cluster', 'cluster-failover', [400]));
    expect(row.verdict).toBe('does not hold');
    expect(row.why).toBe('a planned failover skips failure detection: writes paused 800 ms (median), at most 1.2 s, not 5-10 s');
    expect(row.measured).not.toContain('detect');
  });
  it('the figures of bench/results/2026-11-29-compare-topologies.json: judged on the outage, not on when a late blip ended', () => {
    // Measured: a CLUSTER FAILOVER whose only pause (111 ms) ended 33.9 s after t0.
    const row = plannedFailover(
      failover('sentinel', 'sentinel-failover', [127, 2067, 2158], [0, 0, 0], [46, 37, 46]),
      failover('cluster', 'cluster-failover', [33_882, 69, 377], [0, 0, 0], [111, 69, 17]),
    );
    expect(row.verdict).toBe('does not hold');
    expect(row.why).toBe('a planned failover skips failure detection: writes paused 46 ms (median), at most 111 ms, not 5-10 s');
    expect(row.measured).toContain(
      'cluster cluster-failover: promote 377 ms (69 ms-33.9 s), write gap 377 ms (69 ms-33.9 s), write outage 69 ms (17 ms-111 ms), lost 0',
    );
  });
  it('a planned failover that paused writes for seconds once, and lost jobs, is still judged on the median', () => {
    const row = plannedFailover(failover('sentinel', 'sentinel-failover', [1840, 371, 6000], [0, 12, 0], [100, 200, 6000]), undefined);
    expect(row.why).toBe(
      'a planned failover skips failure detection: writes paused 200 ms (median), the longest 6.0 s; 12 acknowledged job(s) lost in a trial',
    );
  });
});

describe('"faster failover" (sentinel)', () => {
  it('holds when sentinel recovers writes clearly sooner', () => {
    expect(fasterFailover(failover('sentinel', 'kill', [5000]), failover('cluster', 'kill', [7000]), 3).verdict).toBe('holds');
  });
  it('does not hold when the gaps are within noise, and asks for more trials after one', () => {
    const row = fasterFailover(failover('sentinel', 'kill', [2300]), failover('cluster', 'kill', [2350]), 1);
    expect(row.verdict).toBe('does not hold');
    expect(row.why).toContain('within 10%');
    expect(row.why).toContain('rerun with --trials 5');
  });
  it('does not hold when the cluster is faster', () => {
    expect(fasterFailover(failover('sentinel', 'kill', [8000]), failover('cluster', 'kill', [6000]), 3).why).toMatch(/^cluster's gap is shorter/);
  });
});

describe('"lower latency" (sentinel)', () => {
  it('holds when sentinel p50 is lower by more than the noise', () => {
    expect(lowerLatency(topology('sentinel', { p50: 0.6, p99: 4 }), topology('cluster', { p50: 1.4, p99: 14 }), undefined).verdict).toBe('holds');
  });
  it('does not hold when both are within 10%', () => {
    const row = lowerLatency(topology('sentinel', { p50: 1.0, p99: 5 }), topology('cluster', { p50: 1.05, p99: 5.2 }), topology('standalone', { p50: 0.9 }));
    expect(row.verdict).toBe('does not hold');
    expect(row.measured).toContain('standalone p50 0.9 ms');
  });
  it("does not hold when the runs' p50s overlap, whatever the medians", () => {
    const s = { ...topology('sentinel'), latency: { rate: 200, durationS: 5, runs: 3, p50: 0.6, p99: 4, max: 9, p50s: [0.5, 0.6, 1.5] } };
    const c = { ...topology('cluster'), latency: { rate: 200, durationS: 5, runs: 3, p50: 1.4, p99: 9, max: 20, p50s: [1.2, 1.4, 1.6] } };
    const row = lowerLatency(s, c, undefined);
    expect(row.verdict).toBe('does not hold');
    expect(row.why).toMatch(/^the runs' p50s overlap \(sentinel 0\.5-1\.5 ms, cluster 1\.2-1\.6 ms\)/);
  });
  it('is not measured when a latency run did not complete, and says why', () => {
    const broken = { ...topology('cluster'), latency: { error: 'latency run: 3 of 200 job(s) not completed' } };
    const row = lowerLatency(topology('sentinel'), broken, undefined);
    expect(row.verdict).toBe('not measured');
    expect(row.why).toContain('cluster: latency run: 3 of 200');
  });
});

describe('"write scaling" and "defeats the purpose" (cluster)', () => {
  const shared = tp(9000, ['node-2', 'node-2', 'node-2'], 9263);
  it('depends on cores when the machine has fewer than masters + client', () => {
    const row = writeScaling(topology('sentinel'), topology('cluster', { shared, spread: tp(10_000, ['node-1', 'node-2', 'node-3']) }), 2);
    expect(row.verdict).toBe('depends');
    expect(row.why).toBe('on cores: this machine has 2 for 3 masters and the client (4 needed), so it cannot show write scaling; ratio 1.11x is what it shows');
  });
  it('holds with enough cores and spread queues well ahead of one shared tag', () => {
    expect(writeScaling(undefined, topology('cluster', { shared, spread: tp(20_000, ['node-1', 'node-2', 'node-3']) }), 8).verdict).toBe('holds');
  });
  it('does not hold with enough cores when spreading gains little', () => {
    expect(writeScaling(undefined, topology('cluster', { shared, spread: tp(9500, ['node-1', 'node-2', 'node-3']) }), 8).verdict).toBe('does not hold');
  });
  it('"all queue data on one shard" depends on the hash tag when per-queue tags spread', () => {
    const row = defeatsPurpose(topology('cluster', { shared, spread: tp(10_000, ['node-1', 'node-2', 'node-3']) }));
    expect(row.verdict).toBe('depends');
    expect(row.measured).toContain("shared tag '{bull}': 3 queues all in slot 9263 on node-2");
    expect(row.measured).toContain('per-queue tags: 3 queues on 3 of 3 masters');
  });
  it('holds when even per-queue tags stayed on one master', () => {
    expect(defeatsPurpose(topology('cluster', { shared, spread: tp(9000, ['node-1', 'node-1', 'node-1']) })).verdict).toBe('holds');
  });
});

describe('the whole table', () => {
  const sentinel = {
    ...topology('sentinel', { p50: 0.6 }),
    failover: { crash: failover('sentinel', 'kill', [6000]), graceful: failover('sentinel', 'sentinel-failover', [1000]) },
  };
  const cluster = {
    ...topology('cluster', {
      p50: 1.4,
      ports: 12,
      rss: 120_000,
      setupMs: 2100,
      shared: tp(9000, ['node-2', 'node-2', 'node-2']),
      spread: tp(10_000, ['node-1', 'node-2', 'node-3']),
    }),
    failover: { crash: failover('cluster', 'kill', [6200]), graceful: failover('cluster', 'cluster-failover', [400]) },
  };
  const result: CompareResult = {
    schemaVersion: 1,
    result: 'compare',
    environment: { cpus: 2, loadAvg1: 1, redisVersion: '7.0.15', node: 'v20', bullmq: '5', at: '' },
    settings: {
      topologies: ['sentinel', 'cluster'],
      downAfterMs: 5000,
      trials: 1,
      queues: 3,
      failover: { rate: 100, warmupMs: 1, settleMs: 1 },
      latency: { rate: 200, durationS: 5, runs: 1 },
      throughput: { jobs: 1, inflight: 1, runs: 1 },
    },
    measurements: [sentinel, cluster],
    rows: [],
  };
  result.rows = compareRows(result);

  it('has one row per claim, in the analysis order, each with a verdict from its numbers', () => {
    expect(result.rows.map((r) => [r.area, r.verdict])).toEqual([
      ['failover', 'holds'],
      ['failover', 'holds'],
      ['failover', 'does not hold'],
      ['failover', 'does not hold'],
      ['latency', 'holds'],
      ['throughput', 'depends'],
      ['throughput', 'depends'],
      ['resources', 'holds'],
      ['resources', 'depends'],
      ['resources', 'holds'],
    ]);
  });

  it('prints each claim with its source beside the measurement, and the environment', () => {
    const text = compareText(result).replace(/\x1b\[[0-9;]*m/g, '');
    expect(text).toContain('Environment: 2 cores (load 1 at start), Redis 7.0.15');
    expect(text).toMatch(/^Failover Time \(Sentinel\): 5-10 seconds +\| kill: detect 1\.0 s, promote 6\.0 s, write gap 6\.0 s, lost 0/m);
    expect(text).toMatch(/^\(ARC-012:609 Comparison Table\) +\|/m);
    expect(text).toContain('Verdicts: 5 holds, 2 does not hold, 3 depends, 0 not measured');
    // The column lines up on a terminal, where the analysis' ⭐ ❌ ✅ take two columns each.
    const column = (line: string) => line.indexOf(' | ') + (line.slice(0, line.indexOf(' | ')).match(/[⭐❌✅]/gu)?.length ?? 0);
    for (const line of text.split('\n').filter((l) => l.includes(' | '))) expect(column(line), line).toBe(40);
  });

  it('sets sentinel against cluster figure by figure, lower being better, within 10% even', () => {
    const d = decision(result.measurements)!;
    expect(d.sentinel).toContain('latency p50 (0.6 vs 1.4 ms)');
    expect(d.sentinel).toContain('ports (6 vs 12)');
    expect(d.cluster).toContain('write outage in a planned failover, median (1000 vs 400 ms)');
    expect(d.even).toContain('write gap after a crash, median (6000 vs 6200 ms)');
    expect(d.even).toContain('acked jobs lost, most in a trial (0 vs 0)');
    // Throughput compares time per 1000 adds: 9000/s shared on sentinel against 10000/s spread on cluster.
    expect(d.even).toContain('3 queues (cluster: a tag each), ms per 1000 adds (111 vs 100 ms)');
    expect(decision([result.measurements[0]!])).toBeUndefined();
    const text = compareText({ ...result, decision: d }).replace(/\x1b\[[0-9;]*m/g, '');
    expect(text).toContain('  sentinel ahead: latency p50 (0.6 vs 1.4 ms); ports (6 vs 12)');
  });

  it('wraps at spaces', () => {
    expect(wrap('one two three four', 9)).toEqual(['one two', 'three', 'four']);
    expect(lower(100, 105)).toBe('same');
    expect(lower(100, 150)).toBe('a');
  });
});
