/**
 * SIGTERM and Ctrl-C end `failover-test` and `bench` within seconds whatever phase they are in
 * (seen: a cluster failover-test with workloads took 10 s after SIGTERM in its settle, closing
 * each workload's workers 5 s gracefully then 5 s forced; bench finished the run in progress
 * first, minutes with a large --jobs). Each case waits for a phase's progress line, signals,
 * and asserts: exit 130, the one closing "interrupted" line, no stack trace, the exit within
 * 10 s, no redis-arc queue key left on the topology, and nothing left of the command's process
 * group. Ports 22460-22479 (a 3x1 cluster).
 */
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it, beforeAll } from 'vitest';
import { BIN, cli, expectNoStackTrace } from '../helpers/cli.js';
import { cliProject } from '../helpers/cli-project.js';

const PORTS = [22460, 22461, 22462, 22463, 22464, 22465];
const project = cliProject('cluster', ['--port-base', String(PORTS[0])]);
const BOUND_MS = 10_000;

beforeAll(async () => {
  const up = await cli(['up', '--spec', project.spec]);
  expect(up.exitCode, up.stderr).toBe(0);
}, 120_000);

/** Every key on every node whose name redis-arc's scenarios give their queues. */
function queueKeys(): string[] {
  return PORTS.flatMap((port) => {
    try {
      const out = execFileSync('redis-cli', ['-p', String(port), '--no-auth-warning', '--scan', '--pattern', '*redis-arc-*'], {
        env: { ...process.env, REDISCLI_AUTH: project.password },
      });
      return out.toString().split('\n').filter(Boolean);
    } catch {
      return []; // a node restarting after the kill
    }
  });
}

/** Until `status` says healthy (a cluster node killed by a trial is restarted by its heal). */
async function healthy(): Promise<void> {
  for (let i = 0; i < 60; i++) {
    if ((await cli(['status', '--spec', project.spec])).exitCode === 0) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the cluster did not become healthy again');
}

/** Processes still in a process group (the command's own children, had it left any). */
function groupMembers(pgid: number): string[] {
  try {
    return execFileSync('pgrep', ['-g', String(pgid), '-a'])
      .toString()
      .split('\n')
      .filter(Boolean);
  } catch {
    return [];
  }
}

interface Interrupted {
  code: number | null;
  stderr: string;
  stdout: string;
  afterSignalMs: number;
  pgid: number;
}

/** Run the CLI, wait for `phase` on stderr (then `delayMs`), send `signal`, time the exit. */
async function interruptAt(args: string[], phase: RegExp | undefined, delayMs: number, signal: NodeJS.Signals): Promise<Interrupted> {
  const child = spawn(BIN, [...args, '--spec', project.spec], { stdio: ['ignore', 'pipe', 'pipe'], detached: true, env: { ...process.env, NO_COLOR: '1' } });
  const pgid = child.pid ?? -1;
  let stderr = '';
  let stdout = '';
  child.stdout.on('data', (b: Buffer) => (stdout += String(b)));
  const reached = new Promise<void>((resolve) => {
    child.stderr.on('data', (b: Buffer) => {
      stderr += String(b);
      if (phase?.test(stderr)) resolve();
    });
  });
  const exited = once(child, 'exit') as Promise<[number | null]>;
  const killer = setTimeout(() => process.kill(-pgid, 'SIGKILL'), 120_000);
  try {
    // No phase: `delayMs` after the spawn (loading, reading and checking the target).
    if (phase) await Promise.race([reached, exited]);
    await new Promise((r) => setTimeout(r, delayMs));
    const sentAt = Date.now();
    child.kill(signal);
    const [code] = await exited;
    return { code, stderr, stdout, afterSignalMs: Date.now() - sentAt, pgid };
  } finally {
    clearTimeout(killer);
  }
}

/**
 * Known and separate (not a signal's doing): on a cluster, a bench add queue's lone `meta` hash
 * is sometimes written back after its removal by a run that completed normally (seen with MONITOR
 * in uninterrupted runs too). Tolerated here, named, and removed so the next case starts clean.
 */
const BENCH_META = /redis-arc-bench-[a-z-]+-[0-9a-f]{8}:meta$/;

async function expectEndedClean(r: Interrupted, closing: RegExp): Promise<void> {
  expect(r.code, r.stderr).toBe(130);
  expect(r.afterSignalMs, r.stderr).toBeLessThan(BOUND_MS);
  expect(
    r.stderr.split('\n').filter((l) => closing.test(l)),
    r.stderr,
  ).toHaveLength(1);
  expect(
    r.stderr.split('\n').filter((l) => l.startsWith('redis-arc: ') && !closing.test(l)),
    r.stderr,
  ).toEqual([]);
  expectNoStackTrace(r.stderr + r.stdout);
  expect(r.stdout).toBe('');
  expect(groupMembers(r.pgid)).toEqual([]);
  // Replication carries the last deletions to the replicas within a moment.
  for (let i = 0; i < 20 && queueKeys().length; i++) await new Promise((res) => setTimeout(res, 100));
  expect(queueKeys().filter((k) => !BENCH_META.test(k))).toEqual([]);
  if (queueKeys().length) await cli(['status', '--remove-leftovers', '--spec', project.spec]);
  await healthy();
}

const WORKLOADS = ['--workload', 'jobs,delayed,long,flow,scheduler,events,retries'];
const FAILOVER = ['failover-test', '--warmup-ms', '2000', '--settle-ms', '3000', ...WORKLOADS];
const FAILOVER_END = /interrupted(:|;) .*(load stopped|topology was left running)/;

describe('bench ends within seconds of SIGTERM in every cell, a run cut where it is', () => {
  const BENCH = ['bench', '--runs', '1', '--jobs', '20000', '--mode', 'direct'];
  const BENCH_END = /^redis-arc: interrupted: bench stopped in the run in progress; its queues were removed/;
  it.each([
    { cell: 'a warm-up', at: /add direct: warm-up/, delayMs: 0 },
    { cell: 'add (20000 jobs, one at a time)', at: /run 1\/1: add direct/, delayMs: 300 },
    { cell: 'process (the queue being filled or drained)', at: /run 1\/1: process c=1\b/, delayMs: 300 },
    { cell: 'latency (adds at a fixed rate)', at: /run 1\/1: latency/, delayMs: 500 },
  ])(
    '$cell',
    async ({ at, delayMs }) => {
      const r = await interruptAt(BENCH, at, delayMs, 'SIGTERM');
      await expectEndedClean(r, BENCH_END);
    },
    180_000,
  );
});

describe('failover-test ends within seconds of SIGTERM or Ctrl-C in every phase', () => {
  it('loading and connecting, before any line (SIGTERM): one line, 130, not death by the signal (143)', async () => {
    await healthy();
    const r = await interruptAt(FAILOVER, undefined, 250, 'SIGTERM');
    // Loading, or reading the target, or (a slow machine) already the trial: one of the three lines.
    await expectEndedClean(r, /^redis-arc: interrupted($| before)|interrupted(:|;) .*(load stopped|topology was left running)/);
  }, 60_000);

  it.each([
    { phase: 'warm-up', at: /warming up/, delayMs: 500, signal: 'SIGTERM' as const },
    { phase: 'fault and promotion wait', at: /waiting for a promotion/, delayMs: 1000, signal: 'SIGINT' as const },
    { phase: 'settle after recovery', at: /: settling/, delayMs: 300, signal: 'SIGTERM' as const },
    { phase: 'the workloads settling', at: /letting the workloads settle/, delayMs: 1000, signal: 'SIGTERM' as const },
  ])(
    '$phase ($signal)',
    async ({ at, delayMs, signal }) => {
      await healthy();
      const r = await interruptAt(FAILOVER, at, delayMs, signal);
      await expectEndedClean(r, FAILOVER_END);
    },
    180_000,
  );
});
