/**
 * `--help` shows the defaults the commands run with, read from the owning modules' DEFAULT_
 * objects, so help text and behaviour cannot drift apart. No Redis needed.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_DEMO } from '../../src/cli/demo-defaults.js';
import { DEFAULT_CLUSTER_PREFIX, DEFAULT_PREFIX } from '../../src/connect/queue-prefix.js';
import { DEFAULT_SCAN_OPTIONS } from '../../src/doctor/live-options.js';
import { EXIT } from '../../src/errors/index.js';
import { DEFAULT_MAX_LAG_SECONDS } from '../../src/probe/health-defaults.js';
import { DEFAULT_BOOT_TIMEOUT_MS, DEFAULT_LOG_LINES } from '../../src/runtime/defaults.js';
import { DEFAULT_BENCH } from '../../src/scenarios/bench/defaults.js';
import { comparePorts, DEFAULT_COMPARE } from '../../src/scenarios/compare/defaults.js';
import { DEFAULT_FAILOVER } from '../../src/scenarios/failover/defaults.js';
import { DEFAULT_SMOKE } from '../../src/scenarios/smoke/defaults.js';
import { DEFAULT_CLUSTER, DEFAULT_SENTINEL, DEFAULT_SPEC_FILE } from '../../src/specfile/defaults.js';
import { cli } from '../helpers/cli.js';

/** Each flag's help entry, its wrapped lines joined: `--trials` → `trials to run (default: 1)`. */
async function helpEntries(command: string[]): Promise<{ text: string; flags: Map<string, string> }> {
  const r = await cli([...command, '--help']);
  expect(r.exitCode, r.stderr).toBe(0);
  const flags = new Map<string, string>();
  let current: string | undefined;
  for (const line of r.stdout.split('\n')) {
    const start = /^ {2}(?:-\w, )?(--[\w-]+)\S*(?: [<[][^>\]]+[>\]])?\s+(.*)$/.exec(line);
    if (start) flags.set((current = start[1]!), start[2]!);
    else if (current && /^ {10,}\S/.test(line)) flags.set(current, `${flags.get(current)} ${line.trim()}`);
    else current = undefined;
  }
  return { text: r.stdout.replace(/\s+/g, ' '), flags };
}

/** How commander prints a default: strings quoted, numbers bare. */
const shown = (value: string | number) => `default: ${typeof value === 'string' ? JSON.stringify(value) : value})`;

function expectDefaults(flags: Map<string, string>, expected: Record<string, string | number>): void {
  for (const [flag, value] of Object.entries(expected)) expect(flags.get(flag), flag).toContain(shown(value));
}

describe('--help shows the DEFAULT_ values', () => {
  it('failover-test', async () => {
    const D = DEFAULT_FAILOVER;
    const { flags, text } = await helpEntries(['failover-test']);
    expectDefaults(flags, {
      '--spec': DEFAULT_SPEC_FILE,
      '--fault': D.fault,
      '--trials': D.trials,
      '--mode': D.mode,
      '--rate': D.rate,
      '--warmup-ms': D.warmupMs,
      '--settle-ms': D.settleMs,
      '--fault-ms': D.pauseMs,
      '--max-recovery-ms': D.maxRecoveryMs,
      '--master-name': DEFAULT_SENTINEL.masterName,
    });
    expect(flags.get('--prefix')).toContain(`default '${DEFAULT_PREFIX}'; '${DEFAULT_CLUSTER_PREFIX}' on a cluster`);
    expect(text).toContain(`${EXIT.cannotRun} when the test cannot run as asked`);
  });

  it('smoke and bench', async () => {
    const smoke = await helpEntries(['smoke']);
    expectDefaults(smoke.flags, { '--mode': DEFAULT_SMOKE.mode, '--jobs': DEFAULT_SMOKE.jobs, '--timeout': DEFAULT_SMOKE.timeoutMs / 1000 });
    expect(smoke.flags.get('--prefix')).toContain(`'${DEFAULT_PREFIX}'`);
    const S = DEFAULT_BENCH.settings;
    const bench = await helpEntries(['bench']);
    expectDefaults(bench.flags, {
      '--scenario': DEFAULT_BENCH.scenarios.join(','),
      '--mode': DEFAULT_BENCH.mode,
      '--jobs': S.jobs,
      '--inflight': S.inflight,
      '--batch': S.batch,
      '--rate': S.rate,
      '--duration': S.durationS,
      '--runs': S.runs,
      '--payload': S.payloadBytes,
      '--max-regression': DEFAULT_BENCH.maxRegressionPct,
    });
  });

  it('compare', async () => {
    const D = DEFAULT_COMPARE;
    const { flags, text } = await helpEntries(['compare']);
    expectDefaults(flags, { '--down-after-ms': D.downAfterMs, '--trials': D.trials, '--queues': D.queues, '--port-base': D.portBase });
    expect(text).toContain(`(default: ${D.topologies.join(' ')})`);
    const ports = comparePorts(D.portBase);
    expect(text).toContain(`sentinel ${ports.sentinel.portBase}, cluster ${ports.cluster.portBase}, standalone ${ports.standalone.portBase}`);
    expect(text).toContain(
      `latency at ${D.latency.rate} adds/s, median of ${D.latency.runs} runs of ${D.latency.durationS} s; ${D.throughput.jobs} adds per queue`,
    );
  });

  it('status, doctor, up, logs, down', async () => {
    const status = await helpEntries(['status']);
    expectDefaults(status.flags, { '--max-lag': DEFAULT_MAX_LAG_SECONDS, '--runtime': 'auto' });
    expect(status.text).toContain(`exit ${EXIT.ok} healthy, ${EXIT.failed} degraded, ${EXIT.unreachable} down`);
    const doctor = await helpEntries(['doctor']);
    expectDefaults(doctor.flags, { '--scan-limit': DEFAULT_SCAN_OPTIONS.limitPerMaster });
    expect(doctor.text).toContain(`${EXIT.unreachable} topology unreachable or password refused`);
    expectDefaults((await helpEntries(['up'])).flags, { '--timeout': DEFAULT_BOOT_TIMEOUT_MS / 1000, '--runtime': 'auto' });
    expectDefaults((await helpEntries(['logs'])).flags, { '--lines': DEFAULT_LOG_LINES, '--runtime': 'auto' });
    expectDefaults((await helpEntries(['down'])).flags, { '--spec': DEFAULT_SPEC_FILE, '--runtime': 'auto' });
  });

  it('init and demo', async () => {
    const init = await helpEntries(['init']);
    expect(init.flags.get('--replicas')).toContain(`default ${DEFAULT_SENTINEL.replicas}`);
    expect(init.flags.get('--down-after-ms')).toContain(`default ${DEFAULT_SENTINEL.downAfterMs}`);
    expect(init.flags.get('--masters')).toContain(`default ${DEFAULT_CLUSTER.masters}`);
    const demo = await helpEntries(['demo']);
    expectDefaults(demo.flags, { '--kind': DEFAULT_DEMO.kind });
    expect(demo.flags.get('--port-base')).toContain(`sentinel ${DEFAULT_DEMO.ports.sentinel.portBase}, cluster ${DEFAULT_DEMO.ports.cluster.portBase}`);
  });

  it('the root help ends with the exit code table', async () => {
    const r = await cli(['--help']);
    for (const [, code] of Object.entries(EXIT)) expect(r.stdout).toMatch(new RegExp(`^ +${code}  \\S`, 'm'));
  });
});
