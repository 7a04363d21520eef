import { afterEach, describe, expect, it, vi } from 'vitest';
import { printFailover } from '../../src/report/failover.js';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { toJUnit } from '../../src/report/junit.js';
import { renderTimeline, TIMELINE_GUTTER } from '../../src/report/timeline.js';
import { summarizeByProfile } from '../../src/scenarios/failover/profile-summaries.js';
import type { FailoverResult, TrialResult } from '../../src/scenarios/failover/types.js';
import { type TimelineEvent } from '../../src/scenarios/watch/raw-event.js';

const T0 = Date.UTC(2025, 0, 1, 12, 0, 0);
const ev = (atMs: number, type: string, source = 'sentinel-1'): TimelineEvent => ({ atMs, epochMs: T0 + atMs, type, source, detail: '' });

/** 60 buckets of 100 ms from -2 s: t0 is bucket 20; acks stop for 1 s after the fault. */
function series(buckets = 60) {
  const acks = Array.from({ length: buckets }, (_, i) => (i >= 20 && i < 30 ? 0 : 20));
  return { bucketMs: 100, startMs: -2000, acks, completions: [...acks], failures: acks.map((a) => (a ? 0 : 3)) };
}

function trial(over: Partial<TrialResult> = {}): TrialResult {
  return {
    trial: 1,
    fault: 'kill',
    mode: 'direct',
    target: { id: 'redis-1', address: '127.0.0.1:7001', role: 'master' },
    t0EpochMs: T0,
    rate: 200,
    metrics: { detect_ms: 1234, promote_ms: 2345, write_gap_ms: 3456, write_outage_ms: 3501, consume_gap_ms: 3789, consume_outage_ms: 3812 },
    adds: {
      issued: 1200,
      acked: 1187,
      failed: 9,
      indeterminate: 4,
      lost: 0,
      lostIds: [],
      recovered: 2,
      duplicated: 0,
      duplicatedIds: [],
      failedButPresent: 0,
      reissued: 0,
      reissuedIds: [],
      overwritten: 0,
      overwrittenIds: [],
      errors: [{ message: "Stream isn't writeable", count: 9 }],
    },
    verdict: 'ok',
    notes: [],
    events: [ev(1200, '+odown'), ev(2300, '+switch-master'), ev(3500, 'heal', 'redis-arc')],
    timeline: series(),
    healedMs: 3500,
    ...over,
  };
}

const clean = trial();
const lossy = trial({
  trial: 2,
  adds: { ...clean.adds, lost: 3, lostIds: ['evt-7', 'evt-8', 'evt-9'] },
  notes: ['acked writes lost: the replica had not received them <min-replicas-to-write 0> & "async"'],
});
const stuck = trial({ trial: 3, verdict: 'consumer-stuck', metrics: { ...clean.metrics, consume_gap_ms: null, consume_outage_ms: null } });
const unobserved = trial({
  trial: 4,
  metrics: { detect_ms: null, promote_ms: null, write_gap_ms: null, write_outage_ms: null, consume_gap_ms: null, consume_outage_ms: null },
});

function result(trials: TrialResult[], breaches: string[] = []): FailoverResult {
  const s = { min: 1, median: 2, max: 3 };
  return {
    schemaVersion: 1,
    result: 'failover',
    kind: 'sentinel',
    fault: 'kill',
    mode: 'direct',
    rate: 200,
    trials,
    summary: { detect_ms: s, promote_ms: s, write_gap_ms: s, consume_gap_ms: { min: null, median: null, max: null }, lost: s },
    thresholds: { maxLost: 0 },
    breaches,
  };
}

const occurrences = (text: string, needle: string) => text.split(needle).length - 1;

describe('toJUnit', () => {
  const xml = toJUnit(result([clean, lossy, stuck], ['trial 2: lost 3 acked adds > max 0']));

  it('writes one balanced testcase per trial plus a thresholds case', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites')).toBe(true);
    expect(occurrences(xml, '<testcase ')).toBe(4);
    expect(occurrences(xml, '</testcase>')).toBe(4);
    expect(occurrences(xml, '<testsuite ')).toBe(1);
    expect(occurrences(xml, '</testsuite>')).toBe(1);
    expect(xml).toContain('name="trial 1: kill redis-1 (direct)"');
    expect(xml).toContain('name="thresholds"');
    expect(xml).toContain('<testsuite name="redis-arc failover-test" tests="4" failures="3"');
  });

  it('fails the trials whose verdict is not ok or that a breach names, and only those', () => {
    const cases = xml.split('<testcase ').slice(1);
    expect(cases.map((c) => c.includes('<failure '))).toEqual([false, true, true, true]);
    expect(cases[1]).toContain('message="trial 2: lost 3 acked adds &gt; max 0"');
    expect(cases[2]).toContain('type="consumer-stuck"');
  });

  it('escapes markup in notes and times trials by their load series', () => {
    expect(xml).toContain('&lt;min-replicas-to-write 0&gt; &amp; "async"');
    expect(xml).not.toContain('<min-replicas');
    expect(xml).toContain('time="6.000"');
  });

  it('names the server that ran in its properties, and none for a result saved before servers were named', () => {
    const environment = { redisVersion: '7.2.4', server: { name: 'valkey', version: '8.1.1' }, node: 'v20', bullmq: '6.7.0', cpus: 2, at: '' };
    const named = toJUnit({ ...result([clean]), environment });
    expect(named).toContain('<property name="server" value="valkey"/>');
    expect(named).toContain('<property name="serverVersion" value="8.1.1"/>');
    expect(toJUnit(result([clean]))).not.toContain('name="server"');
  });

  it('has no thresholds case and no failure when everything passed', () => {
    const ok = toJUnit(result([clean]));
    expect(occurrences(ok, '<testcase ')).toBe(1);
    expect(ok).not.toContain('<failure');
  });

  describe('with markup and control characters in names, messages and output', () => {
    const markup = `<b> & "q" 'a' ]]>`;
    // XML 1.0 cannot hold these at all: they are dropped, everything else arrives as written.
    const control = '\u0000\u0001\u0008\u000b\u001b\ufffe';
    const odd = trial({
      trial: 2,
      target: { id: `redis-1${markup}${control}`, address: '127.0.0.1:7001', role: 'master' },
      notes: [`note ${markup}${control}`],
    });
    const doc = toJUnit(result([clean, odd], [`trial 2: lost 1 ${markup}${control}`]));
    const parsed = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '',
      parseTagValue: false,
      parseAttributeValue: false,
      trimValues: false,
    }).parse(doc);
    const cases = parsed.testsuites.testsuite.testcase as { name: string; failure?: { message: string; '#text': string }; 'system-out': string }[];

    it('writes a document that parses as XML', () => {
      expect(XMLValidator.validate(doc)).toBe(true);
      expect(doc).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe]/);
    });

    it('gives back every name, message and text as written, less the characters XML cannot hold', () => {
      expect(cases.map((c) => c.name)).toEqual(['trial 1: kill redis-1 (direct)', `trial 2: kill redis-1${markup} (direct)`, 'thresholds']);
      expect(cases[1]!.failure!.message).toBe(`trial 2: lost 1 ${markup}`);
      expect(cases[1]!.failure!['#text']).toBe(`trial 2: lost 1 ${markup}\nnote ${markup}`);
      expect(cases[1]!['system-out']).toContain(`\nnote: note ${markup}\n`);
      expect(cases[1]!['system-out']).toContain(`target: redis-1${markup} 127.0.0.1:7001 (master)`);
      expect(parsed.testsuites).toMatchObject({ name: 'redis-arc', tests: '3', failures: '2', errors: '0' });
      expect(parsed.testsuites.testsuite.properties.property).toEqual([
        { name: 'kind', value: 'sentinel' },
        { name: 'fault', value: 'kill' },
        { name: 'mode', value: 'direct' },
        { name: 'rate', value: '200' },
      ]);
    });
  });
});

describe('renderTimeline', () => {
  const column = (lines: string[], letter: string) => lines.find((l) => l.startsWith('events'))!.indexOf(letter) - TIMELINE_GUTTER;

  it('puts t0 and each event under its own bucket when every bucket has a column', () => {
    const lines = renderTimeline(clean, { width: 60, color: false });
    expect(column(lines, 'F')).toBe(20);
    expect(column(lines, 'D')).toBe(32);
    expect(column(lines, 'P')).toBe(43);
    expect(column(lines, 'H')).toBe(55);
    expect(lines.some((l) => l.includes('1 column = 100 ms;'))).toBe(true);
  });

  it('sums pairs of buckets into one column when the width is half the series', () => {
    const lines = renderTimeline(clean, { width: 30, color: false });
    expect(lines[0]!.length - TIMELINE_GUTTER).toBe(30);
    expect(column(lines, 'F')).toBe(10);
    expect(lines.some((l) => l.includes('1 column = 200 ms (2 buckets summed)'))).toBe(true);
  });

  it('leaves idle buckets blank and draws the gap after the fault', () => {
    const [acks, , fail] = renderTimeline(clean, { width: 60, color: false });
    expect(acks!.slice(TIMELINE_GUTTER + 20, TIMELINE_GUTTER + 30)).toBe(' '.repeat(10));
    expect(fail!.slice(TIMELINE_GUTTER + 20, TIMELINE_GUTTER + 30)).toBe('█'.repeat(10));
  });

  it('survives an empty series and events outside the series', () => {
    expect(renderTimeline(trial({ timeline: { bucketMs: 100, startMs: 0, acks: [], failures: [], completions: [] } }))).toHaveLength(1);
    const lines = renderTimeline(trial({ events: [ev(-9000, '+odown'), ev(60_000, 'heal')] }), { width: 60, color: false });
    expect(lines).toContain('outside the plotted range: D at -9.0 s, H at +60.0 s');
  });
});

describe('toJUnit side by side', () => {
  it('names each case with its profile and gives a breach only to the profile it names', () => {
    const client = (profile: string) => ({ profile, bullmq: '6.7.0', ioredis: '5.8.2', jobIds: 'bullmq' as const });
    const trials = [trial({ client: client('defaults') }), trial({ client: client('./src/redis.mjs') })];
    const xml = toJUnit({ ...result(trials, ['trial 1 (defaults): lost 3 acked adds > max 0']), profiles: summarizeByProfile(trials) });
    const cases = new XMLParser({ ignoreAttributes: false }).parse(xml).testsuites.testsuite.testcase as { '@_name': string; failure?: unknown }[];
    expect(cases.map((c) => [c['@_name'], c.failure !== undefined])).toEqual([
      ['trial 1: kill redis-1 (client defaults)', true],
      ['trial 1: kill redis-1 (client ./src/redis.mjs)', false],
      ['thresholds', true],
    ]);
  });
});

describe('printFailover', () => {
  afterEach(() => vi.restoreAllMocks());

  function printed(r: FailoverResult): string {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    printFailover(r);
    return log.mock.calls.map((c) => c.join(' ')).join('\n');
  }

  it('names the server that ran above the tables: Valkey by its own version, not its redis_version', () => {
    const environment = { redisVersion: '7.2.4', server: { name: 'valkey', version: '8.1.1' }, node: 'v20', bullmq: '6.7.0', cpus: 2, at: '' };
    expect(printed({ ...result([clean]), environment })).toContain('Valkey 8.1.1, Node v20, BullMQ 6.7.0, 2 cores');
    expect(printed({ ...result([clean]), environment: { ...environment, server: undefined, redisVersion: '7.0.15' } })).toContain('Redis 7.0.15, Node v20');
  });

  it("prints each trial's numbers as given", () => {
    const out = printed(result([clean, lossy]));
    for (const n of ['1234', '2345', '3456 (3501)', '3789 (3812)', '1187']) expect(out).toContain(n);
    expect(out).toContain('lost evt-7, evt-8, evt-9');
  });

  it('prints the clients side by side, with versions, re-issued ids, overwritten records and the stuck connection', () => {
    const client = (profile: string) => ({ profile, bullmq: '6.7.0', ioredis: '5.8.2', jobIds: 'bullmq' as const });
    const note = 'writes recovered at 3456 ms but the worker completed nothing afterwards: defaults worker connection reconnecting (running: true)';
    const defaults = trial({
      client: client('defaults'),
      verdict: 'consumer-stuck',
      notes: [note],
      adds: { ...clean.adds, reissued: 7, reissuedIds: ['1', '2'], overwritten: 4, overwrittenIds: ['1'] },
    });
    const mine = trial({ client: client('./src/redis.mjs'), metrics: { ...clean.metrics, outage: { detection_ms: 1100, election_ms: 1200, follow_ms: 77 } } });
    const r = { ...result([defaults, mine]), profiles: summarizeByProfile([defaults, mine]) };
    const out = printed(r);
    expect(out).toContain('clients side by side');
    const row = (name: string) =>
      out
        .split('\n')
        .find((l) => l.startsWith('│ ' + name))!
        .split('│')
        .map((c) => c.trim());
    expect(row('defaults').slice(1, 14)).toEqual(['defaults', '6.7.0 /', '3456', '3789', '0', '2', '0', '7', '4', '-', '-', '-', '1/1 not ok']);
    expect(row('./src/redis.mjs').slice(10, 14)).toEqual(['1100', '1200', '77', '1/1 ok']);
    expect(out).toContain(`defaults: trial 1: ${note}`);
    expect(out).toContain('BullMQ returned these job ids for more than one add: 1, 2');
    expect(out).toContain("these acknowledged jobs' records now hold another job's data: 1");
  });

  it("names in its header the BullMQ and ioredis each client ran (--app-dir's), not redis-arc's own", () => {
    const environment = { redisVersion: '7.0.15', node: 'v20.0.0', bullmq: '6.7.0', cpus: 2, at: '2025-01-01T12:00:00.000Z' };
    const app = trial({ client: { profile: 'defaults', bullmq: '5.1.0', ioredis: '5.3.2', jobIds: 'bullmq' } });
    const own = trial({ client: { profile: 'redis-arc', bullmq: '6.7.0', ioredis: '6.0.0', jobIds: 'tool' } });
    const header = (trials: TrialResult[]) => {
      vi.restoreAllMocks();
      return printed({ ...result(trials), environment }).split('\n')[1];
    };
    expect(header([app])).toBe('Redis 7.0.15, Node v20.0.0, BullMQ 5.1.0, ioredis 5.3.2, 2 cores');
    expect(header([app, own])).toBe('Redis 7.0.15, Node v20.0.0, BullMQ 5.1.0, ioredis 5.3.2 (defaults); BullMQ 6.7.0, ioredis 6.0.0 (redis-arc), 2 cores');
    expect(header([clean])).toBe('Redis 7.0.15, Node v20.0.0, BullMQ 6.7.0, 2 cores');
  });

  it('prints never-observed metrics as -, never as 0', () => {
    const out = printed(result([unobserved]));
    const row = out.split('\n').find((l) => l.includes('redis-1 (master)'))!;
    expect(
      row
        .split('│')
        .map((c) => c.trim())
        .slice(3, 7),
    ).toEqual(['-', '-', '-', '-']);
  });

  it('draws only the last timeline beyond three trials, and prints breaches', () => {
    const out = printed(result([clean, lossy, stuck, unobserved], ['trial 2: lost 3 acked adds > max 0']));
    expect(occurrences(out, 'acks/s')).toBe(1);
    expect(out).toContain('timeline of the last trial only (of 4)');
    expect(out).toContain('breach: trial 2: lost 3 acked adds > max 0');
  });
});
