/**
 * Issue 27's table on this machine: every built-in workload of the issue at once (scheduler,
 * delayed, flow, long, events, beside the plain load `jobs`) on one Sentinel topology (1 master,
 * 2 replicas, 3 sentinels), per client profile, trials interleaved:
 *   - kill:    SIGKILL of the master, down-after 1000 (1 run);
 *   - pause10: the master hung 10 s (SIGSTOP), down-after 5000 (3 runs).
 * Each case on a topology of its own from redis-arc/testing (free ports, stopped at the end).
 * Usage: npx tsx bench/workloads.ts [--cases kill,pause10] [--clients defaults,bullmq-docs,redis-arc]
 *        [--runs N] [--quick] [--app-dir DIR] [--json FILE]
 * --runs N: N runs of every case; --quick: 1 run of every case. JSON to bench/results/<date>-workloads.json
 * unless --json says otherwise; the table goes to stderr.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { resolveProfiles } from '../src/profiles/resolve.js';
import { DEFAULT_FAILOVER } from '../src/scenarios/failover/defaults.js';
import { runFailoverTest } from '../src/scenarios/failover/index.js';
import type { TrialResult } from '../src/scenarios/failover/types.js';
import type { Fault } from '../src/scenarios/faults/names.js';
import { resolveWorkloads } from '../src/scenarios/workloads/resolve.js';
import { sentinel } from '../src/testing/index.js';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: 'kill,pause10' },
    clients: { type: 'string', default: 'defaults,bullmq-docs,redis-arc' },
    runs: { type: 'string' },
    quick: { type: 'boolean', default: false },
    'app-dir': { type: 'string' },
    json: { type: 'string' },
  },
});

const WORKLOADS = 'scheduler,delayed,flow,long,events';
const LONG_MS = 2000;
/** The `every` scheduler's interval (src/scenarios/workloads/scheduler.ts): the slots a window holds. */
const EVERY_MS = 250;

interface Case {
  id: string;
  name: string;
  fault: Fault;
  downAfterMs: number;
  runs: number;
  pauseMs?: number;
}
const ALL_CASES: Case[] = [
  { id: 'kill', name: 'SIGKILL of the master, down-after 1000', fault: 'kill', downAfterMs: 1000, runs: 1 },
  { id: 'pause10', name: 'master hung 10 s (SIGSTOP), down-after 5000', fault: 'pause', downAfterMs: 5000, runs: 3, pauseMs: 10_000 },
];
const CASES = ALL_CASES.filter((c) => values.cases.split(',').includes(c.id));
const runsOf = (c: Case) => (values.quick ? 1 : values.runs ? Number(values.runs) : c.runs);

const say = (m: string) => process.stderr.write(`${m}\n`);
const s = (ms: number | null | undefined) => (ms === null || ms === undefined ? '—' : `${(ms / 1000).toFixed(1)} s`);
const fig = (t: TrialResult, workload: string, name: string): number | null => t.workloads?.find((w) => w.workload === workload)?.figures[name] ?? null;
const problemLines = (t: TrialResult, workload: string) => t.workloads?.find((w) => w.workload === workload)?.problems.map((p) => p.line) ?? [];
/** When the heal came (ms after t0): the scheduler's window ends there. */
const healAtMs = (t: TrialResult) => t.events.find((e) => e.type === 'heal')?.atMs ?? null;

/** One trial's figures, the ones the issue's table gives and what explains them. */
function rowOf(c: Case, t: TrialResult) {
  const heal = healAtMs(t);
  const promote = t.metrics.promote_ms;
  return {
    trial: t.trial,
    verdict: t.verdict,
    promote_ms: promote,
    heal_at_ms: heal,
    promoted_after_wake: c.pauseMs === undefined || promote === null ? null : promote > c.pauseMs,
    scheduler: {
      longest_gap_ms: fig(t, 'scheduler', 'every_longest_gap_ms'),
      // Firings from t0 until the check (the scheduler goes on after the heal); `missed` counts grid slots up to the heal.
      ticks_after_fault: fig(t, 'scheduler', 'every_ticks_after_fault'),
      slots_fault_to_heal: heal === null ? null : Math.floor(heal / EVERY_MS),
      missed: fig(t, 'scheduler', 'every_missed'),
      fired_twice: fig(t, 'scheduler', 'every_fired_twice'),
      exists_after: fig(t, 'scheduler', 'every_exists_after'),
      cron_longest_gap_ms: fig(t, 'scheduler', 'cron_longest_gap_ms'),
      cron_exists_after: fig(t, 'scheduler', 'cron_exists_after'),
    },
    delayed: {
      acked: fig(t, 'delayed', 'acked'),
      never_ran: fig(t, 'delayed', 'never_ran'),
      ran_twice: fig(t, 'delayed', 'ran_twice'),
      late_p99_ms: fig(t, 'delayed', 'late_p99_ms'),
      late_max_ms: fig(t, 'delayed', 'late_max_ms'),
    },
    flow: {
      parents_acked: fig(t, 'flow', 'parents_acked'),
      parents_never_completed: fig(t, 'flow', 'parents_never_completed'),
      stuck_waiting_children: fig(t, 'flow', 'stuck_waiting_children'),
      parents_gone: fig(t, 'flow', 'parents_gone'),
      orphan_children: fig(t, 'flow', 'orphan_children'),
    },
    long: {
      acked: fig(t, 'long', 'acked'),
      lost: fig(t, 'long', 'lost'),
      unfinished: fig(t, 'long', 'unfinished'),
      run_twice: fig(t, 'long', 'run_twice'),
      missing_key_errors: fig(t, 'long', 'missing_key_errors'),
      missing_lock_errors: fig(t, 'long', 'missing_lock_errors'),
      stalled: fig(t, 'long', 'stalled'),
    },
    events: {
      completions: fig(t, 'events', 'completions'),
      missed: fig(t, 'events', 'missed'),
      seen_twice: fig(t, 'events', 'seen_twice'),
      workers_stopped: fig(t, 'events', 'workers_stopped'),
    },
    jobs: {
      acked: t.adds.acked,
      lost: t.adds.lost,
      gone: t.adds.gone ?? null,
      reissued: t.adds.reissued,
      overwritten: t.adds.overwritten,
      duplicated: t.adds.duplicated,
    },
    problems: Object.fromEntries(['scheduler', 'delayed', 'flow', 'long', 'events'].map((w) => [w, problemLines(t, w)])),
    notes: t.notes,
  };
}
type Row = ReturnType<typeof rowOf>;

/** The issue's rows for one profile: one cell per run, joined by `; `. */
function tableOf(rows: Row[]): string[] {
  const cells = (f: (r: Row) => string) => rows.map(f).join(' | ');
  return [
    `  scheduler: ${cells((r) => `longest gap ${s(r.scheduler.longest_gap_ms)}; ${r.scheduler.ticks_after_fault ?? '—'} ticks after the fault; ${r.scheduler.missed ?? '—'} of ${r.scheduler.slots_fault_to_heal ?? '—'} slots t0→heal missed${r.scheduler.exists_after === 0 ? ' (GONE)' : ''}`)}`,
    `  delayed:   ${cells((r) => `${r.delayed.never_ran ?? '—'} of ${r.delayed.acked ?? '—'} never ran; lateness p99 ${s(r.delayed.late_p99_ms)}`)}`,
    `  flow:      ${cells((r) => `${r.flow.parents_never_completed ?? '—'} of ${r.flow.parents_acked ?? '—'} parents never completed`)}`,
    `  long:      ${cells((r) => `${r.long.lost ?? '—'} of ${r.long.acked ?? '—'} lost${r.long.unfinished ? ` (+${r.long.unfinished} unfinished)` : ''}; Missing key ${r.long.missing_key_errors ?? '—'}`)}`,
    `  events:    ${cells((r) => `${r.events.missed ?? '—'} of ${r.events.completions ?? '—'} completions unseen; ${r.events.seen_twice ?? '—'} twice; workers stopped ${r.events.workers_stopped ?? '—'}`)}`,
    `  jobs:      ${cells((r) => `${r.jobs.lost} of ${r.jobs.acked} lost; gone ${r.jobs.gone ?? '—'}; promoted at ${s(r.promote_ms)}${r.promoted_after_wake === null ? '' : r.promoted_after_wake ? ' (after the master woke)' : ' (while it hung)'}`)}`,
  ];
}

const profiles = await resolveProfiles(values.clients, values['app-dir'] ? { appDir: values['app-dir'] } : {});
const workloads = await resolveWorkloads(WORKLOADS);
const cases = [];
const started = Date.now();
for (const c of CASES) {
  // A block per case: its topology is stopped before the next one starts.
  cases.push(await runCase(c));
}

async function runCase(c: Case) {
  await using topo = await sentinel({ replicas: 2, sentinels: 3, downAfterMs: c.downAfterMs }).start();
  const r = await runFailoverTest({
    ...DEFAULT_FAILOVER,
    topology: topo.started,
    fault: c.fault,
    trials: runsOf(c),
    profiles,
    workloads,
    workloadSettings: { longMs: LONG_MS },
    pauseMs: c.pauseMs ?? DEFAULT_FAILOVER.pauseMs,
    maxRecoveryMs: 60_000,
    thresholds: {},
    onProgress: (m) => process.stderr.write(`\r${c.id}: ${m}`.slice(0, 120).padEnd(120)),
  });
  process.stderr.write('\n');
  const byProfile = profiles.map((p) => {
    const mine = r.trials.filter((t) => t.client?.profile === p.name);
    return { profile: p.name, client: mine[0]?.client, rows: mine.map((t) => rowOf(c, t)) };
  });
  say(`\n${c.name} (${runsOf(c)} run${runsOf(c) > 1 ? 's' : ''}; cells: run 1 | run 2 | ...)`);
  for (const p of byProfile) {
    say(` ${p.profile} (BullMQ ${p.client?.bullmq}, ioredis ${p.client?.ioredis}):`);
    for (const line of tableOf(p.rows)) say(line);
  }
  return {
    case: c.id,
    name: c.name,
    fault: c.fault,
    downAfterMs: c.downAfterMs,
    pauseMs: c.pauseMs ?? null,
    runs: runsOf(c),
    environment: r.environment,
    byProfile,
    workloads: r.workloads,
    breaches: r.breaches,
  };
}

const out = {
  schemaVersion: 1,
  bench: 'workloads',
  node: process.version,
  cpus: cpus().length,
  at: new Date(started).toISOString(),
  durationS: Math.round((Date.now() - started) / 1000),
  setup: {
    topology: 'sentinel: 1 master, 2 replicas, 3 sentinels (redis-arc/testing, local processes)',
    workloads: WORKLOADS,
    longMs: LONG_MS,
    rate: DEFAULT_FAILOVER.rate,
    warmupMs: DEFAULT_FAILOVER.warmupMs,
    settleMs: DEFAULT_FAILOVER.settleMs,
    clients: values.clients,
    appDir: values['app-dir'] ?? null,
  },
  cases,
};
const file = values.json ?? join(import.meta.dirname, 'results', `${new Date(started).toISOString().slice(0, 10)}-workloads.json`);
mkdirSync(dirname(file), { recursive: true });
writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
say(`\nJSON: ${file}`);
// A script: exit even if a library left a handle open (the CLI does the same).
process.exit(0);
