import { describe, expect, it } from 'vitest';
import { account } from '../../src/scenarios/failover/measure/accounting.js';
import { bucketize, computeMetrics, recovery, summarize } from '../../src/scenarios/failover/measure/metrics.js';
import { classifyAddError, type AddRecord } from '../../src/scenarios/failover/load/records.js';
import { breaches } from '../../src/scenarios/failover/index.js';
import type { TrialResult } from '../../src/scenarios/failover/types.js';
import { type TimelineEvent } from '../../src/scenarios/watch/raw-event.js';

/** Acks every 10 ms (100/s) except during [from, to). */
const acksWithGap = (from: number, to: number, end: number) => {
  const out: number[] = [];
  for (let t = 0; t <= end; t += 10) if (t < from || t >= to) out.push(t);
  return out;
};

describe('recovery', () => {
  it('ends the longest quiet interval after t0', () => {
    expect(recovery(acksWithGap(5, 2300, 5000), 5000)).toEqual({ at: 2300, outage: 2300 });
  });

  it('counts an interval that starts at t0', () => {
    expect(recovery([1200, 1210, 1220], 1220)).toEqual({ at: 1200, outage: 1200 });
  });

  it('is null when the path never came back (the quiet end is the longest)', () => {
    expect(recovery([2, 5, 8], 6000)).toBeNull();
    expect(recovery([], 6000)).toBeNull();
  });

  it('takes only intervals that began in the failover window, not a later blip', () => {
    // A 40 ms blip at the switch (1150), a longer one when the old master is demoted (11200).
    const times = acksWithGap(1150, 1190, 12000).filter((t) => t < 11200 || t >= 11300);
    expect(recovery(times, 12000, 2150)).toEqual({ at: 1190, outage: 50 });
    expect(recovery(times, 12000)).toEqual({ at: 11300, outage: 110 });
  });

  it('ignores what happened before t0 or after the load stopped', () => {
    expect(recovery([-50, -10, 400, 410, 420, 9000], 420)).toEqual({ at: 400, outage: 400 });
  });
});

describe('computeMetrics', () => {
  const ev = (atMs: number, type: string): TimelineEvent => ({ atMs, epochMs: 0, type, source: 's', detail: '' });
  it('takes detection and promotion from the first matching event after t0, gaps from acks and completions', () => {
    const t0 = 1000;
    const adds: AddRecord[] = acksWithGap(0, 2300, 4000).map((t, i) => ({ id: `a${i}`, dueAt: t0 + t, settledAt: t0 + t, outcome: 'ok' }));
    const completions = new Map(acksWithGap(0, 2400, 4000).map((t, i) => [`a${i}`, [t0 + t + 1]]));
    const m = computeMetrics(
      t0,
      t0 + 4000,
      adds,
      completions,
      [ev(-5, '+odown'), ev(1100, '+sdown'), ev(1200, '+odown'), ev(2250, '+switch-master'), ev(3200, '+switch-master')],
      3,
    );
    expect(m).toEqual({
      detect_ms: 1200,
      promote_ms: 2250,
      write_gap_ms: 2300,
      write_outage_ms: 2300,
      consume_gap_ms: 2401,
      consume_outage_ms: 2401,
      bus_dropped: 3,
      // Detection until the first +sdown, election until +switch-master, the client's first ack 50 ms later.
      outage: { detection_ms: 1100, election_ms: 1150, follow_ms: 50 },
    });
  });
});

describe('summarize', () => {
  it('gives min, median and max, skipping nulls', () => {
    expect(summarize([3, null, 1, 2])).toEqual({ min: 1, median: 2, max: 3 });
    expect(summarize([4, 1, 3, 2])).toEqual({ min: 1, median: 3, max: 4 });
    expect(summarize([null])).toEqual({ min: null, median: null, max: null });
  });
});

describe('classifyAddError', () => {
  it.each([
    ["Stream isn't writeable and enableOfflineQueue options is false", 'failed'],
    ["READONLY You can't write against a read only replica.", 'failed'],
    ["OOM command not allowed when used memory > 'maxmemory'.", 'failed'],
    ['Command timed out', 'indeterminate'],
    ['Reached the max retries per request limit (which is 1).', 'indeterminate'],
    ['Connection is closed.', 'indeterminate'],
  ])('%s -> %s', (message, expected) => {
    expect(classifyAddError(new Error(message))).toBe(expected);
  });
});

describe('account', () => {
  it('reads every id back: lost, recovered, duplicated, failed but present', async () => {
    const records: AddRecord[] = [
      { id: 'ok-processed', dueAt: 0, outcome: 'ok' },
      { id: 'ok-in-redis', dueAt: 0, outcome: 'ok' },
      { id: 'ok-gone', dueAt: 0, outcome: 'ok' },
      { id: 'maybe-present', dueAt: 0, outcome: 'indeterminate', error: 'Command timed out' },
      { id: 'maybe-gone', dueAt: 0, outcome: 'indeterminate', error: 'Command timed out' },
      { id: 'failed-present', dueAt: 0, outcome: 'failed', error: 'READONLY' },
    ];
    const completions = new Map([
      ['ok-processed', [1, 2]],
      ['maybe-present', [3]],
    ]);
    const inRedis = new Set(['ok-in-redis', 'failed-present']);
    const a = await account(records, completions, async (id) => (inRedis.has(id) ? id : null));
    expect(a).toMatchObject({
      issued: 6,
      acked: 3,
      failed: 1,
      indeterminate: 2,
      lost: 1,
      lostIds: ['ok-gone'],
      recovered: 1,
      duplicated: 1,
      duplicatedIds: ['ok-processed'],
      failedButPresent: 1,
    });
    expect(a.errors).toEqual([
      { message: 'Command timed out', count: 2 },
      { message: 'READONLY', count: 1 },
    ]);
  });

  it('retries a failed read-back and refuses to count rather than call the job lost', async () => {
    const records: AddRecord[] = [{ id: 'a', dueAt: 0, outcome: 'ok' }];
    let reads = 0;
    const flaky = async () => {
      if (++reads < 3) throw new Error('Connection is closed.');
      return 'a';
    };
    expect(await account(records, new Map(), flaky)).toMatchObject({ lost: 0 });
    await expect(account(records, new Map(), async () => Promise.reject(new Error('Connection is closed.')))).rejects.toThrow(/could not read job a back/);
  });
});

describe('bucketize', () => {
  it('counts acks, failures and completions per 100 ms from the start of the load', () => {
    const s = bucketize(
      1000,
      800,
      1300,
      [
        { id: 'a', dueAt: 800, settledAt: 850, outcome: 'ok' },
        { id: 'b', dueAt: 900, settledAt: 1050, outcome: 'failed' },
        { id: 'c', dueAt: 900, settledAt: 1060, outcome: 'indeterminate' },
      ],
      new Map([['a', [1210]]]),
    );
    expect(s).toEqual({ bucketMs: 100, startMs: -200, acks: [1, 0, 0, 0, 0], failures: [0, 0, 2, 0, 0], completions: [0, 0, 0, 0, 1] });
  });
});

describe('breaches', () => {
  const trial = (n: number, gap: number | null, lost: number, verdict: TrialResult['verdict'] = 'ok') =>
    ({ trial: n, metrics: { write_gap_ms: gap }, adds: { lost }, verdict }) as TrialResult;
  it('names the trial and the threshold, one line each', () => {
    expect(breaches([trial(1, 2000, 0), trial(2, 6000, 3), trial(3, null, 0, 'writes-stuck')], { maxWriteGapMs: 5000, maxLost: 0 })).toEqual([
      'trial 2: write gap 6000 ms > max 5000 ms',
      'trial 2: lost 3 acked adds > max 0',
      'trial 3: write gap never closed > max 5000 ms',
      'trial 3: verdict writes-stuck',
    ]);
  });
});
