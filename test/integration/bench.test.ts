/** `bench` against a real standalone topology (redis-arc/testing's, on free ports): well-formed results and a working baseline gate. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countKeys } from '../../src/scenarios/keys.js';
import { closeConnection, connect } from '../../src/connect/connect.js';
import { MODES } from '../../src/events/producer.js';
import { runBench } from '../../src/scenarios/bench/run.js';
import { SCENARIOS, type BenchResult } from '../../src/scenarios/bench/types.js';
import { cli, tempDir } from '../helpers/cli.js';
import { standalone, type TestTopology } from '../../src/testing/index.js';

let topo: TestTopology<'standalone'>;
beforeAll(async () => {
  topo = await standalone().start();
});
afterAll(() => topo?.stop());

const settings = { jobs: 100, inflight: 8, batch: 20, rate: 200, durationS: 1, runs: 2, payloadBytes: 200, warmupJobs: 20, concurrencies: [1, 10] };

describe('runBench', () => {
  it('runs every scenario in every mode and reports well-formed cells, leaving no key behind', async () => {
    const r = await runBench({ target: topo.started.target, scenarios: [...SCENARIOS], modes: [...MODES], settings });
    expect(r.schemaVersion).toBe(1);
    expect(r.environment).toMatchObject({ redisVersion: expect.stringMatching(/^\d+\.\d+/), topology: 'standalone', cpus: expect.any(Number) });
    const cells = r.results.map((c) => `${c.scenario}/${c.mode ?? '-'}${c.concurrency ? `/c${c.concurrency}` : ''}`);
    expect(cells).toEqual([
      'add/direct',
      'add/bus',
      'add/manager',
      'add-concurrent/direct',
      'add-concurrent/bus',
      'add-concurrent/manager',
      'add-bulk/direct',
      'process/-/c1',
      'process/-/c10',
      'latency/direct',
      'latency/bus',
      'latency/manager',
    ]);
    for (const c of r.results) {
      expect(c.runs).toHaveLength(2);
      expect(c.median.jobsPerSec).toBeGreaterThan(0);
      if (c.scenario === 'latency') {
        const l = c.median.latencyMs!;
        expect(c.runs.every((run) => run.jobs === 200)).toBe(true);
        expect(l.p50).toBeLessThanOrEqual(l.p90);
        expect(l.p90).toBeLessThanOrEqual(l.p99);
        expect(l.p99).toBeLessThanOrEqual(l.max);
      }
    }
    expect(r.decisionMatrix.map((d) => d.criterion)).toEqual(['Performance: adds, 1 in flight', 'Performance: adds, concurrent', 'Performance: latency p99']);
    // A worker connection queues commands until it is connected (a producer's would fail fast).
    const conn = connect(topo.started.target, 'worker');
    try {
      expect(await countKeys(conn, 'bull:redis-arc-bench-*')).toBe(0);
    } finally {
      await closeConnection(conn);
    }
  });
});

describe('runBench as a library', () => {
  it("leaves no timer behind once it returns (a pending one would hold the caller's process open)", async () => {
    // Timers of up to a second (a liveness ping's pause, a connection's close) may end just after; a run's own must not outlive it.
    const timersLeft = async () => {
      await new Promise((r) => setTimeout(r, 1500));
      return process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    };
    await runBench({ target: topo.started.target, scenarios: ['latency'], modes: ['direct'], settings: { ...settings, rate: 50, runs: 1, warmupJobs: 10 } });
    expect(await timersLeft()).toBe(0);
  });
});

describe('redis-arc bench --baseline', () => {
  it('passes against a slower baseline and fails against a faster one, naming the cell', async () => {
    using dir = tempDir();
    const out = join(dir.path, 'now.json');
    const args = ['bench', '--spec', topo.started.project.specFile, '--scenario', 'add', '--mode', 'direct', '--jobs', '100', '--runs', '1'];
    const first = await cli([...args, '--json', out]);
    expect(first.exitCode, first.stderr).toBe(0);
    const measured = JSON.parse(readFileSync(out, 'utf8')) as BenchResult;
    const scaled = (k: number) => ({
      ...measured,
      results: measured.results.map((c) => ({ ...c, median: { ...c.median, jobsPerSec: c.median.jobsPerSec * k } })),
    });
    writeFileSync(join(dir.path, 'slow.json'), JSON.stringify(scaled(0.01)));
    writeFileSync(join(dir.path, 'fast.json'), JSON.stringify(scaled(100)));
    const pass = await cli([...args, '--baseline', join(dir.path, 'slow.json'), '--max-regression', '20']);
    expect(pass.exitCode, pass.stdout).toBe(0);
    const fail = await cli([...args, '--baseline', join(dir.path, 'fast.json'), '--max-regression', '20']);
    expect(fail.exitCode).toBe(1);
    expect(fail.stdout).toMatch(/regression: add\/direct jobs\/s is \d+(\.\d)?% worse than the baseline/);
    const bad = await cli([...args, '--baseline', join(dir.path, 'nope.json')]);
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toContain('--baseline');
  });
});
