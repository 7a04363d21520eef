import { create } from 'xmlbuilder2';
import type { FailoverResult, TrialResult } from '../scenarios/failover/types.js';

const SUITE = 'redis-arc failover-test';

const dash = (v: number | null | undefined) => (v === null || v === undefined ? '-' : String(v));

/** The result has no trial duration, so a trial lasts as long as its load series. */
function trialSeconds(t: TrialResult): number {
  const s = t.timeline;
  return (Math.max(s.acks.length, s.completions.length, s.failures.length) * s.bucketMs) / 1000;
}

/** Several client profiles side by side: trials are named with their profile too. */
const sideBySide = (r: FailoverResult) => (r.profiles?.length ?? 0) > 1;

/** Breach lines name their trial as `trial N` (e.g. `trial 2: write gap 5400 ms > 5000 ms`), side by side `trial N (profile)`. */
function breachesOf(r: FailoverResult, t: TrialResult): string[] {
  if (sideBySide(r)) return r.breaches.filter((b) => b.startsWith(`trial ${t.trial} (${t.client?.profile}): `));
  const named = new RegExp(`\\btrial ${t.trial}(?!\\d)`, 'i');
  return r.breaches.filter((b) => named.test(b));
}

function metricsText(t: TrialResult): string {
  const m = t.metrics;
  const a = t.adds;
  return [
    `target: ${t.target.id} ${t.target.address} (${t.target.role})`,
    `t0: ${new Date(t.t0EpochMs).toISOString()}`,
    `detect_ms: ${dash(m.detect_ms)}`,
    `promote_ms: ${dash(m.promote_ms)}`,
    `write_gap_ms: ${dash(m.write_gap_ms)}`,
    `write_outage_ms: ${dash(m.write_outage_ms)}`,
    `consume_gap_ms: ${dash(m.consume_gap_ms)}`,
    `consume_outage_ms: ${dash(m.consume_outage_ms)}`,
    ...(m.bus_dropped !== undefined ? [`bus_dropped: ${m.bus_dropped}`] : []),
    `healed_ms: ${dash(t.healedMs)}`,
    `adds: issued ${a.issued}, acked ${a.acked}, failed ${a.failed}, indeterminate ${a.indeterminate}, lost ${a.lost}, ` +
      `recovered ${a.recovered}, duplicated ${a.duplicated}, failed but present ${a.failedButPresent}, re-issued ids ${a.reissued}, overwritten ${a.overwritten}`,
    ...(t.client ? [`client: ${t.client.profile} (bullmq ${t.client.bullmq}, ioredis ${t.client.ioredis})`] : []),
    ...(a.lostIds.length ? [`lost ids: ${a.lostIds.join(', ')}`] : []),
    ...(a.duplicatedIds.length ? [`duplicated ids: ${a.duplicatedIds.join(', ')}`] : []),
    `verdict: ${t.verdict}`,
    ...t.notes.map((n) => `note: ${n}`),
    ...t.events.map((e) => `event ${e.atMs} ms ${e.type} ${e.source} ${e.detail}`),
  ].join('\n');
}

interface Case {
  name: string;
  seconds: number;
  failure?: { message: string; type: string; body: string };
  out?: string;
}

function trialCase(r: FailoverResult, t: TrialResult): Case {
  const breaches = breachesOf(r, t);
  // breaches() already lists a bad verdict as `trial N: verdict X`: name it once.
  const reasons = [...(t.verdict === 'ok' ? [] : [`verdict ${t.verdict}`]), ...breaches.filter((b) => !/: verdict /.test(b))];
  const first = reasons[0];
  return {
    name: `trial ${t.trial}: ${t.fault} ${t.target.id} (${sideBySide(r) ? `client ${t.client?.profile}` : t.mode})`,
    seconds: trialSeconds(t),
    out: metricsText(t),
    ...(first !== undefined
      ? { failure: { message: first, type: t.verdict === 'ok' ? 'threshold' : t.verdict, body: [...reasons, ...t.notes].join('\n') } }
      : {}),
  };
}

function addCase(suite: ReturnType<typeof create>, c: Case): void {
  const testcase = suite.ele('testcase', { classname: 'redis-arc.failover-test', name: c.name, time: c.seconds.toFixed(3) });
  if (c.failure) testcase.ele('failure', { message: c.failure.message, type: c.failure.type }).txt(c.failure.body);
  if (c.out) testcase.ele('system-out').txt(c.out);
}

/**
 * The report as JUnit XML. The builder escapes markup in names, messages and output, and drops
 * characters XML 1.0 cannot hold at all (a control byte in a sentinel message would otherwise
 * make the whole file unparseable).
 */
export function toJUnit(r: FailoverResult): string {
  const cases = r.trials.map((t) => trialCase(r, t));
  const [firstBreach] = r.breaches;
  if (firstBreach !== undefined) {
    cases.push({ name: 'thresholds', seconds: 0, failure: { message: firstBreach, type: 'threshold', body: r.breaches.join('\n') } });
  }
  const totals = {
    tests: cases.length,
    failures: cases.filter((c) => c.failure).length,
    errors: 0,
    time: cases.reduce((sum, c) => sum + c.seconds, 0).toFixed(3),
  };
  const first = r.trials[0];
  const doc = create({ version: '1.0', encoding: 'UTF-8', invalidCharReplacement: '' });
  const suite = doc
    .ele('testsuites', { name: 'redis-arc', ...totals })
    .ele('testsuite', { name: SUITE, ...totals, skipped: 0, ...(first && { timestamp: new Date(first.t0EpochMs).toISOString() }) });
  const properties = suite.ele('properties');
  // The server that ran, for a CI dashboard grouping runs per server (absent in a result saved before servers were named).
  const server = r.environment?.server && { server: r.environment.server.name, serverVersion: r.environment.server.version };
  for (const [name, value] of Object.entries({ kind: r.kind, fault: r.fault, mode: r.mode, rate: r.rate, ...server }))
    properties.ele('property', { name, value });
  for (const c of cases) addCase(suite, c);
  return `${doc.end({ prettyPrint: true, indent: '  ', newline: '\n' })}\n`;
}
