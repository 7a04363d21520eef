/**
 * Faults that need no runtime (issue 16): the user's own --fault-cmd, and the Redis-native
 * connections, cluster-failover-force/-takeover and debug-sleep. Real topologies, real BullMQ.
 * Topologies from redis-arc/testing on free ports; port 11990 for a plain node (outside REDIS_ARC_TESTING_PORTS).
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../src/errors/index.js';
import { checkHealth } from '../../src/probe/health.js';
import { waitUntilAnswering, waitUntilHealthy } from '../../src/probe/wait.js';
import { debugSleep } from '../../src/scenarios/faults/fault-redis.js';
import { runFailoverTest } from '../../src/scenarios/failover/index.js';
import type { TrialResult } from '../../src/scenarios/failover/types.js';
import { cli, tempDir } from '../helpers/cli.js';
import { failoverOptions } from '../helpers/failover-options.js';
import { cluster, sentinel } from '../../src/testing/index.js';
import { portsOf, topologiesForFile } from '../helpers/topology.js';

const topo = topologiesForFile({
  sentinel: sentinel({ downAfterMs: 1000 }),
  cluster: cluster({ nodeTimeoutMs: 1000 }),
});

const base = failoverOptions;

const sentinels = () => topo.sentinel.sentinels.map((s) => `${s.host}:${s.port}`).join(',');
const attach = () => ['--sentinel', sentinels(), '--master-name', topo.sentinel.masterName ?? expect.fail('a sentinel topology has a master name')];

function passwordFile(dir: string): string {
  const file = join(dir, 'p');
  writeFileSync(file, topo.sentinel.password!, { mode: 0o600 });
  return file;
}

function expectOk(t: TrialResult): void {
  expect(t.verdict, t.notes.join('\n')).toBe('ok');
  expect(t.adds.acked + t.adds.failed + t.adds.indeterminate).toBe(t.adds.issued);
}

describe('sentinel', () => {
  let kill: TrialResult;

  it('built-in kill: the reference for --fault-cmd below', async () => {
    kill = (await runFailoverTest(base(topo.sentinel.started, {}))).trials[0]!;
    expectOk(kill);
    expect(kill.metrics.promote_ms).not.toBeNull();
  });

  it('connections: every application connection cut, replication and sentinels spared, each worker resumes (timed)', async () => {
    const master = topo.sentinel.started.target.kind === 'sentinel' ? (await checkHealth(topo.sentinel.started.target)).master! : undefined;
    const t = (await runFailoverTest(base(topo.sentinel.started, { fault: 'connections' }))).trials[0]!;
    expectOk(t);
    expect(t.faultDetail).toMatch(/^killed \d+ client connections/);
    expect(Number(/killed (\d+)/.exec(t.faultDetail!)![1])).toBeGreaterThanOrEqual(4);
    expect(t.workers!.map((w) => w.worker)).toEqual(['redis-arc', 'defaults']);
    for (const w of t.workers!) {
      expect(w.resumed, JSON.stringify(t.workers)).toBe(true);
      expect(w.resume_ms!).toBeGreaterThan(0);
      expect(w.resume_ms!).toBeLessThan(10_000);
    }
    expect(t.notes.join('\n')).toMatch(/worker \(defaults connection settings\) resumed \d+ ms after/);
    // Nothing was failed over: the replicas and the sentinels' links were left alone. (A busy CI
    // machine once made a sentinel miss the master's pings for down-after before the fault, a
    // +sdown then -sdown at negative atMs: not the fault's doing, so only what followed it counts.)
    expect(t.events.filter((e) => e.atMs >= 0).map((e) => e.type)).not.toContain('+sdown');
    expect(t.events.map((e) => e.type)).not.toContain('+odown');
    expect(t.metrics.promote_ms).toBeNull();
    const admin = new Redis({ host: master!.host, port: master!.port, password: topo.sentinel.password, lazyConnect: true });
    try {
      await admin.connect();
      expect(String(await admin.info('replication'))).toMatch(/connected_slaves:2/);
    } finally {
      admin.disconnect();
    }
  });

  it('debug-sleep: DEBUG SLEEP hangs the master like a pause (init allows DEBUG from the host), and it fails over', async () => {
    const t = (await runFailoverTest(base(topo.sentinel.started, { fault: 'debug-sleep', pauseMs: 3000 }))).trials[0]!;
    expectOk(t);
    expect(t.metrics.detect_ms).not.toBeNull();
    expect(t.metrics.promote_ms).not.toBeNull();
    expect(t.events.find((e) => e.type === 'heal')!.detail).toContain('woke from DEBUG SLEEP');
  });

  it('--fault-cmd SHUTDOWN NOSAVE (attached, password from a file) agrees with the built-in kill; --heal-cmd restarts it', async () => {
    using dir = tempDir();
    const pw = passwordFile(dir.path);
    const nodes = join(topo.sentinel.dir, '.redis-arc', 'local', 'nodes');
    const faultCmd = `REDISCLI_AUTH="$(cat ${pw})" redis-cli -p {port} SHUTDOWN NOSAVE`;
    // The node folder whose conf has the port hit; placeholders work inside the user's own quotes.
    const healCmd = `cd "$(dirname "$(grep -l '^port {port}$' ${nodes}/*/redis.conf)")" && redis-server redis.conf > /dev/null 2>&1 &`;
    const r = await cli([
      'failover-test',
      ...attach(),
      '--password-file',
      pw,
      '--fault-cmd',
      faultCmd,
      '--heal-cmd',
      healCmd,
      '--warmup',
      '800',
      '--settle',
      '800',
      '--json',
    ]);
    expect(r.exitCode, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout);
    const t = result.trials[0] as TrialResult;
    expect(t.fault).toBe('command');
    expectOk(t);
    expect(t.target.role).toBe('master');
    expect(t.faultCommand!.exitCode).toBe(0);
    expect(t.faultCommand!.command).toContain(`-p '${t.target.address.split(':')[1]}' SHUTDOWN`);
    expect(t.faultCommand!.durationMs).toBeLessThan(5000);
    expect(t.healCommand!.exitCode).toBe(0);
    expect(t.healedMs).not.toBeNull();
    // The same failure as SIGKILL: detected, promoted, writes back after the promotion. Loosely
    // (a loaded machine): within 3 s of the built-in kill's figures.
    for (const m of ['detect_ms', 'promote_ms', 'write_gap_ms', 'consume_gap_ms'] as const) {
      expect(t.metrics[m], m).not.toBeNull();
      expect(Math.abs(t.metrics[m]! - kill.metrics[m]!), `${m}: ${t.metrics[m]} vs kill ${kill.metrics[m]}`).toBeLessThan(3000);
    }
    expect(t.metrics.write_gap_ms!).toBeGreaterThanOrEqual(t.metrics.promote_ms! - 150);
    await waitUntilHealthy(topo.sentinel.started.target, { timeoutMs: 30_000 });
  });

  it('a failing --fault-cmd ends the run with one line and exit 4 (cannot run as asked): nothing measured, its heal ran all the same', async () => {
    using dir = tempDir();
    const pw = passwordFile(dir.path);
    const healed = join(dir.path, 'healed');
    const r = await cli([
      'failover-test',
      ...attach(),
      '--password-file',
      pw,
      '--fault-cmd',
      'echo working; echo "pods \\"{node}\\" not found" >&2; exit 3',
      '--heal-cmd',
      `touch ${healed}`,
      '--warmup',
      '300',
      '--json',
    ]);
    expect(r.exitCode).toBe(EXIT.cannotRun);
    expect(r.stdout).toBe('');
    const lines = r.stderr
      .trim()
      .split('\n')
      .filter((l) => l.startsWith('redis-arc:'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^redis-arc: --fault-cmd exited 3 after \d+ ms: pods "127\.0\.0\.1:\d+" not found; --heal-cmd exited 0; no fault happened, nothing was measured$/,
    );
    expect(r.stderr).not.toContain('    at ');
    // It may have done half its work before failing: the heal runs once the fault command started.
    expect(existsSync(healed)).toBe(true);
    expect((await checkHealth(topo.sentinel.started.target)).verdict).toBe('healthy');
  });

  it('a --target whose name carries shell code is refused in one line: nothing runs, even in a nested sh -c', async () => {
    using dir = tempDir();
    const pw = passwordFile(dir.path);
    const marker = join(dir.path, 'injected');
    const out = join(dir.path, 'seen');
    // No whitespace (not an address otherwise): ${IFS} stands for it, as an attacker would write it.
    const evilHost = `$(touch\${IFS}${marker});touch\${IFS}${marker}`;
    const started = performance.now();
    const r = await cli([
      'failover-test',
      ...attach(),
      '--password-file',
      pw,
      '--target',
      `${evilHost}:${portsOf(topo.sentinel, 'redis-2')[0]}`,
      '--fault-cmd',
      // The ssh host sh -c '...' pattern: inside '...' the value is text a second shell parses.
      `printf '%s\\n' {node} "{host}" > ${out}; sh -c 'echo {host}' >> ${out}`,
      '--warmup',
      '20000',
    ]);
    // Refused once the node hit is known, before the load and its warm-up.
    expect(performance.now() - started).toBeLessThan(15_000);
    expect(existsSync(marker)).toBe(false);
    expect(existsSync(out)).toBe(false);
    expect(r.exitCode, r.stderr).toBe(EXIT.cannotRun);
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('redis-arc:'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^redis-arc: --fault-cmd: \{node\} would be '\$\(touch\$\{IFS\}.*', which holds characters a shell acts on; /);
  });
});

describe('cluster', () => {
  for (const fault of ['cluster-failover-force', 'cluster-failover-takeover'] as const) {
    it(`${fault}: a replica of the slot's master takes over, both paths recover`, async () => {
      const t = (await runFailoverTest(base(topo.cluster.started, { fault }))).trials[0]!;
      expectOk(t);
      expect(t.target.role).toBe('master');
      expect(t.metrics.promote_ms).not.toBeNull();
      expect(t.metrics.consume_gap_ms).not.toBeNull();
      await waitUntilHealthy(topo.cluster.started.target, { timeoutMs: 30_000 });
    });
  }
});

describe('debug-sleep where DEBUG is refused', () => {
  it('says so in one line (Redis 7 default: enable-debug-command no)', async () => {
    const server = execa('redis-server', ['--port', '11990', '--save', '', '--appendonly', 'no'], { reject: false });
    try {
      expect(await waitUntilAnswering({ host: '127.0.0.1', port: 11990 }, undefined, { timeoutMs: 10_000, intervalMs: 50 })).toBe(true);
      const err = await debugSleep({ host: '127.0.0.1', port: 11990 }, {}, 1000).then(
        () => undefined,
        (e: Error) => e,
      );
      expect(err?.message).toMatch(/^debug-sleep: 127\.0\.0\.1:11990 refuses DEBUG \(enable-debug-command is no/);
      expect(err?.message).not.toContain('\n');
    } finally {
      server.kill('SIGKILL');
      await server;
    }
  });
});
