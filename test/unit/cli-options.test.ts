/**
 * Command option schemas: parsed from nothing they give the owning modules' DEFAULT_ objects (the
 * values --help shows), and a bad value or combination is one UsageError line with exit 2.
 */
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { benchCommand } from '../../src/cli/commands/bench.js';
import { demoCommand } from '../../src/cli/commands/demo.js';
import { doctorCommand } from '../../src/cli/commands/doctor.js';
import { downCommand } from '../../src/cli/commands/down.js';
import { failoverTestCommand } from '../../src/cli/commands/failover-test.js';
import { imageCommand } from '../../src/cli/commands/image.js';
import { initCommand } from '../../src/cli/commands/init.js';
import { logsCommand } from '../../src/cli/commands/logs.js';
import { renderCommand } from '../../src/cli/commands/render.js';
import { smokeCommand } from '../../src/cli/commands/smoke.js';
import { statusCommand } from '../../src/cli/commands/status.js';
import { upCommand } from '../../src/cli/commands/up.js';
import { demoOptions } from '../../src/cli/schemas/demo.js';
import { imageBuildLocalOptions } from '../../src/cli/schemas/image.js';
import { renderOptions } from '../../src/cli/schemas/render.js';
import { benchOptions } from '../../src/cli/schemas/bench.js';
import { doctorOptions } from '../../src/cli/schemas/doctor.js';
import { downOptions } from '../../src/cli/schemas/down.js';
import { failoverTestOptions } from '../../src/cli/schemas/failover-test.js';
import { initOptions } from '../../src/cli/schemas/init.js';
import { logsOptions } from '../../src/cli/schemas/logs.js';
import { parseOptions } from '../../src/cli/schemas/parse.js';
import { smokeOptions } from '../../src/cli/schemas/smoke.js';
import { statusOptions } from '../../src/cli/schemas/status.js';
import { upOptions } from '../../src/cli/schemas/up.js';
import { DEFAULT_SCAN_OPTIONS } from '../../src/doctor/live-options.js';
import { EXIT, UsageError } from '../../src/errors/index.js';
import { DEFAULT_MAX_LAG_SECONDS } from '../../src/probe/health-defaults.js';
import { DEFAULT_BOOT_TIMEOUT_MS, DEFAULT_LOG_LINES } from '../../src/runtime/defaults.js';
import { DEFAULT_BENCH } from '../../src/scenarios/bench/defaults.js';
import { DEFAULT_FAILOVER } from '../../src/scenarios/failover/defaults.js';
import { DEFAULT_SMOKE } from '../../src/scenarios/smoke/defaults.js';
import { DEFAULT_SENTINEL, DEFAULT_SPEC_FILE } from '../../src/specfile/defaults.js';

/** The UsageError a parse throws: its one line and exit code. */
function refusal(parse: () => unknown): { line: string; exitCode: number } {
  try {
    parse();
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return { line: (err as UsageError).message, exitCode: (err as UsageError).exitCode };
  }
  throw new Error('expected a UsageError, the options parsed');
}

describe('option schemas give the DEFAULT_ objects', () => {
  it('failover-test', () => {
    const o = parseOptions(failoverTestOptions, {});
    const D = DEFAULT_FAILOVER;
    expect(o).toMatchObject({
      fault: D.fault,
      trials: D.trials,
      mode: D.mode,
      rate: D.rate,
      warmupMs: D.warmupMs,
      settleMs: D.settleMs,
      faultMs: D.pauseMs,
      maxRecoveryMs: D.maxRecoveryMs,
    });
    expect(o).toMatchObject({ spec: DEFAULT_SPEC_FILE, runtime: 'auto', json: false, masterName: DEFAULT_SENTINEL.masterName });
    expect(o.prefix).toBeUndefined();
  });

  it('smoke, bench, status, doctor, up, logs', () => {
    expect(parseOptions(smokeOptions, {})).toMatchObject({ mode: DEFAULT_SMOKE.mode, jobs: DEFAULT_SMOKE.jobs, timeout: DEFAULT_SMOKE.timeoutMs / 1000 });
    const S = DEFAULT_BENCH.settings;
    expect(parseOptions(benchOptions, {})).toMatchObject({
      scenario: DEFAULT_BENCH.scenarios,
      mode: DEFAULT_BENCH.mode,
      jobs: S.jobs,
      inflight: S.inflight,
      batch: S.batch,
      rate: S.rate,
      duration: S.durationS,
      runs: S.runs,
      payload: S.payloadBytes,
      maxRegression: DEFAULT_BENCH.maxRegressionPct,
    });
    const status = parseOptions(statusOptions, {});
    expect(status).toMatchObject({ maxLag: DEFAULT_MAX_LAG_SECONDS, runtime: 'auto' });
    expect(status.watch).toBeUndefined();
    const doctor = parseOptions(doctorOptions, {});
    expect(doctor.scanLimit).toBe(DEFAULT_SCAN_OPTIONS.limitPerMaster);
    expect(doctor.live).toBeUndefined();
    expect(parseOptions(upOptions, {})).toMatchObject({ timeout: DEFAULT_BOOT_TIMEOUT_MS / 1000, runtime: 'auto' });
    expect(parseOptions(logsOptions, {})).toMatchObject({ lines: DEFAULT_LOG_LINES, follow: false });
  });

  it('types what commander hands over: --scenario as a list, --watch as milliseconds', () => {
    expect(parseOptions(benchOptions, { scenario: 'add, process' }).scenario).toEqual(['add', 'process']);
    expect(parseOptions(statusOptions, { watch: true }).watch).toBe(1000);
    expect(parseOptions(statusOptions, { watch: '2.5' }).watch).toBe(2500);
  });
});

describe('every flag a command declares is in its schema (zod drops keys it does not know)', () => {
  const pairs: [Command, { shape: Record<string, unknown> }][] = [
    [benchCommand, benchOptions],
    [demoCommand, demoOptions],
    [doctorCommand, doctorOptions],
    [downCommand, downOptions],
    [failoverTestCommand, failoverTestOptions],
    [imageCommand.commands[0]!, imageBuildLocalOptions],
    [initCommand, initOptions],
    [logsCommand, logsOptions],
    [renderCommand, renderOptions],
    [smokeCommand, smokeOptions],
    [statusCommand, statusOptions],
    [upCommand, upOptions],
  ];
  it.each(pairs.map(([cmd, schema]) => [cmd.name(), cmd, schema] as const))('%s', (_name, cmd, schema) => {
    const declared = cmd.options.map((o) => o.attributeName());
    expect(declared.filter((key) => !(key in schema.shape))).toEqual([]);
  });
});

describe('a bad value or combination is one line, exit 2', () => {
  it.each([
    [
      'down --keep-volumes --purge',
      () => parseOptions(downOptions, { keepVolumes: true, purge: true }),
      '--keep-volumes and --purge contradict each other; pass one',
    ],
    [
      'doctor --no-live with attach',
      () => parseOptions(doctorOptions, { cluster: '127.0.0.1:7000', live: false }),
      '--no-live with --sentinel, --cluster or --url leaves nothing to check',
    ],
    ['init cluster --sentinels', () => parseOptions(initOptions, { kind: 'cluster', sentinels: 3 }), '--sentinels applies to sentinel topologies, not cluster'],
    [
      'init standalone --down-after-ms',
      () => parseOptions(initOptions, { kind: 'standalone', downAfterMs: 100 }),
      '--down-after-ms applies to sentinel topologies, not standalone',
    ],
    [
      'init sentinel --replicas-per-master',
      () => parseOptions(initOptions, { kind: 'sentinel', replicasPerMaster: 1 }),
      '--replicas-per-master applies to cluster topologies, not sentinel',
    ],
    [
      'bench --scenario with unknown names',
      () => parseOptions(benchOptions, { scenario: 'add,warp,tele' }),
      '--scenario warp,tele: expected some of add, add-concurrent, add-bulk, process, latency',
    ],
    [
      'failover-test --heal-cmd without --fault-cmd',
      () => parseOptions(failoverTestOptions, { healCmd: 'true' }),
      '--heal-cmd heals what --fault-cmd did: give --fault-cmd too',
    ],
    [
      'status --watch that is not a number',
      () => parseOptions(statusOptions, { watch: 'often' }),
      '--watch: expected a number of seconds above 0, e.g. --watch 5',
    ],
  ])('%s', (_name, parse, line) => {
    expect(refusal(parse)).toEqual({ line, exitCode: EXIT.usage });
  });

  it('names the flag when a value has the wrong type', () => {
    const r = refusal(() => parseOptions(failoverTestOptions, { trials: 'three' }));
    expect(r.exitCode).toBe(EXIT.usage);
    expect(r.line).toMatch(/^--trials: .*expected number/);
    expect(r.line).not.toContain('\n');
    expect(refusal(() => parseOptions(failoverTestOptions, { fault: 'meteor' })).line).toMatch(/^--fault: .*"kill"/);
  });

  it('lets a good combination through', () => {
    expect(parseOptions(downOptions, { keepVolumes: true })).toMatchObject({ keepVolumes: true, purge: false });
    expect(parseOptions(doctorOptions, { cluster: '127.0.0.1:7000', live: true }).live).toBe(true);
    expect(parseOptions(initOptions, { kind: 'sentinel', sentinels: 5, downAfterMs: 1000 })).toMatchObject({ kind: 'sentinel', sentinels: 5, auth: true });
  });
});
