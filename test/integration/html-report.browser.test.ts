/**
 * The HTML report of a real failover, in a real browser (Debian's chromium, headless, every
 * request refused): the charts drew, every number in the page is the JSON's, the console shows no
 * error, and markup smuggled into a value stays text; likewise the bench page and the compare page
 * of a saved compare result (test/fixtures/compare-result.json). REDIS_ARC_SCREENSHOT=1 also
 * writes docs/failover-report.png and docs/compare-report.png. The topology is redis-arc/testing's, on free ports.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchHtml, compareHtml, failoverHtml } from '../../src/report/html/index.js';
import type { CompareResult } from '../../src/scenarios/compare/types.js';
import { runFailoverTest } from '../../src/scenarios/failover/index.js';
import type { FailoverResult } from '../../src/scenarios/failover/types.js';
import { chromiumOrSkip, jsonCells, launchChromium, openOffline, paintedPixels } from '../helpers/browser.js';
import { failoverOptions } from '../helpers/failover-options.js';
import { sentinel } from '../../src/testing/index.js';
import { resolveWorkloads } from '../../src/scenarios/workloads/resolve.js';

const FILE = 'test/integration/html-report.browser.test.ts';
const run = chromiumOrSkip(FILE);

const at = (value: unknown, path: string): unknown => path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], value);
const shown = (v: unknown) => (v === null || v === undefined ? '-' : String(v));

describe.skipIf(!run)('the HTML report in Chromium', () => {
  let browser: Browser;
  let result: FailoverResult;

  beforeAll(async () => {
    browser = await launchChromium();
    await using topo = await sentinel({ downAfterMs: 1000 }).start();
    result = await runFailoverTest(failoverOptions(topo.started, { trials: 2, workloads: await resolveWorkloads('delayed,flow') }));
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('draws one chart per trial of a real failover, shows the JSON’s numbers, and logs no error', async () => {
    const { page, record } = await openOffline(browser, failoverHtml(result));
    try {
      expect(await page.getAttribute('body', 'data-charts-drawn')).toBe(String(result.trials.length));
      const painted = await paintedPixels(page);
      expect(painted).toHaveLength(result.trials.length);
      for (const n of painted) expect(n).toBeGreaterThan(1000);
      const cells = await jsonCells(page);
      expect(cells.map(([p]) => p)).toEqual(
        expect.arrayContaining([
          'trials.0.adds.acked',
          'trials.1.metrics.write_gap_ms',
          'environment.redisVersion',
          'trials.1.workloads.1.figures.parents_acked',
        ]),
      );
      expect(await page.locator('h3.workload').allInnerTexts()).toEqual(['delayed', 'flow']);
      for (const [path, text] of cells) expect(text, path).toBe(shown(at(result, path)));
      expect(await page.locator('.legend-marks').first().innerText()).toMatch(/fault 0\.00 s.*down detected.*promoted/s);
      expect(record.errors).toEqual([]);
      expect(record.requests).toEqual([]);
      if (process.env.REDIS_ARC_SCREENSHOT === '1') {
        await page.screenshot({ path: join(import.meta.dirname, '../../docs/failover-report.png'), fullPage: true });
      }
    } finally {
      await page.close();
    }
  });

  it('keeps markup in values from Redis and users as text: nothing runs, nothing is added', async () => {
    const hostile = structuredClone(result);
    const evil = '<img src=x onerror="document.title=\'pwned\'">';
    hostile.trials[0]!.target.id = evil;
    hostile.trials[0]!.notes = [`</script><script>document.title='pwned'</script>`];
    hostile.trials[0]!.adds.errors = [{ message: evil, count: 1 }];
    const { page, record } = await openOffline(browser, failoverHtml(hostile));
    try {
      expect(await page.title()).not.toBe('pwned');
      expect(await page.locator('img').count()).toBe(0);
      expect(await page.locator('main').innerText()).toContain(evil);
      expect(record.requests).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('draws the bench latency chart', async () => {
    const lat = { p50: 1, p90: 2, p99: 5, p999: 9, max: 12 };
    const page = benchHtml({
      schemaVersion: 1,
      result: 'bench',
      environment: { redisVersion: '7.0.15', topology: 'sentinel', node: process.version, bullmq: '6', ioredis: '5', cpus: 2, at: new Date().toISOString() },
      settings: { jobs: 100, inflight: 8, batch: 10, rate: 100, durationS: 1, runs: 1, payloadBytes: 100, warmupJobs: 10, concurrencies: [1] },
      results: ['direct', 'bus'].map((mode) => ({
        scenario: 'latency' as const,
        mode: mode as 'direct',
        runs: [{ jobs: 100, elapsedMs: 1000, jobsPerSec: 100 }],
        median: { jobsPerSec: 100, latencyMs: lat },
        spreadPct: 0,
      })),
      decisionMatrix: [],
    });
    const { page: p, record } = await openOffline(browser, page);
    try {
      expect(await p.getAttribute('body', 'data-charts-drawn')).toBe('1');
      expect((await paintedPixels(p))[0]).toBeGreaterThan(1000);
      expect(record.errors).toEqual([]);
    } finally {
      await p.close();
    }
  });

  it('draws the compare page: the claims with their verdicts, the JSON’s numbers, both charts, no error', async () => {
    const r = JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/compare-result.json'), 'utf8')) as CompareResult;
    const { page, record } = await openOffline(browser, compareHtml(r));
    try {
      expect(await page.getAttribute('body', 'data-charts-drawn')).toBe('2');
      const painted = await paintedPixels(page);
      expect(painted).toHaveLength(2);
      for (const n of painted) expect(n).toBeGreaterThan(1000);
      const cells = await jsonCells(page);
      expect(cells.length).toBeGreaterThan(100);
      expect(cells.map(([p]) => p)).toEqual(
        expect.arrayContaining(['rows.0.verdict', 'measurements.1.throughput.spread.jobsPerSec', 'measurements.0.failover.crash.summary.write_gap_ms.median']),
      );
      for (const [path, text] of cells) expect(text, path).toBe(shown(at(r, path)));
      expect(await page.locator('#claims tr').count()).toBe(r.rows.length + 1);
      // Verdicts are coloured: a 'does not hold' is red, a 'holds' green.
      const colour = (verdict: string) =>
        page
          .locator('#claims td[data-json$=".verdict"]', { hasText: new RegExp(`^${verdict}$`) })
          .first()
          .evaluate((e) => getComputedStyle(e).color);
      expect(await colour('does not hold')).toBe('rgb(207, 34, 46)');
      expect(await colour('holds')).toBe('rgb(26, 127, 55)');
      expect(record.errors).toEqual([]);
      expect(record.requests).toEqual([]);
      if (process.env.REDIS_ARC_SCREENSHOT === '1') {
        await page.screenshot({ path: join(import.meta.dirname, '../../docs/compare-report.png'), fullPage: true });
      }
    } finally {
      await page.close();
    }
  });
});
