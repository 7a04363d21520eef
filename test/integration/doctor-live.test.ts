/**
 * `redis-arc doctor` against real running topologies: a sentinel (3 data nodes, 3 sentinels) and
 * a 3x1 cluster on the local runtime, misconfigured live with CONFIG SET / SENTINEL SET and put
 * back after each test. The topologies are redis-arc/testing's, on free ports; 20290-20299 (outside
 * REDIS_ARC_TESTING_PORTS) for nothing-listens-here checks.
 */
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Cluster, Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeConnection, connect } from '../../src/connect/connect.js';
import type { Finding } from '../../src/doctor/finding.js';
import { EXIT } from '../../src/errors/index.js';
import { retryUntil } from '../../src/wait/retry.js';
import { cli, expectNoStackTrace, tempDir } from '../helpers/cli.js';
import { redisCli } from '../helpers/redis-cli.js';
import { cluster as startCluster, sentinel as startSentinel, type TestTopology } from '../../src/testing/index.js';
import { portsOf, startAll, stopAll } from '../helpers/topology.js';

/** What `doctor --json` prints for each finding: the report's own type. */
type JsonFinding = Finding;

let sentinel: TestTopology<'sentinel'>;
let cluster: TestTopology<'cluster'>;
/** Ports once started: the sentinel topology's redis-1..3 and sentinel-1..3, the cluster's node-1 and node-2. */
let [R1, R2, R3, S1, S2, S3, C1, C2] = [0, 0, 0, 0, 0, 0, 0, 0];

beforeAll(async () => {
  [sentinel, cluster] = await startAll(startSentinel({ downAfterMs: 1000 }), startCluster({ nodeTimeoutMs: 1000 }));
  [R1, R2, R3, S1, S2, S3] = portsOf(sentinel, 'redis-1', 'redis-2', 'redis-3', 'sentinel-1', 'sentinel-2', 'sentinel-3');
  [C1, C2] = portsOf(cluster, 'node-1', 'node-2');
}, 60_000);

afterAll(async () => {
  await stopAll(sentinel, cluster);
});

const specOf = (t: TestTopology) => t.started.project.specFile;
const pwFile = (t: TestTopology) => t.started.project.passwordFile;

async function doctor(args: string[]): Promise<{
  exitCode: number;
  stdout: string;
  stderr: string;
  json?: { errors: number; warnings: number; findings: JsonFinding[]; live: Record<string, unknown> };
}> {
  const r = await cli(['doctor', ...args]);
  expectNoStackTrace(r.stderr);
  return { ...r, ...(args.includes('--json') && r.stdout && { json: JSON.parse(r.stdout) }) };
}

const live = (findings: JsonFinding[]) => findings.filter((f) => f.source === 'live');

/** CONFIG SET on one node for the length of `fn`, then the old value back. */
async function withConfig(t: TestTopology, port: number, key: string, value: string, fn: () => Promise<void>): Promise<void> {
  const old = (await redisCli(port, ['CONFIG', 'GET', key], t.password)).split('\n')[1]!;
  expect(await redisCli(port, ['CONFIG', 'SET', key, value], t.password)).toBe('OK');
  try {
    await fn();
  } finally {
    await redisCli(port, ['CONFIG', 'SET', key, old], t.password);
  }
}

describe('doctor on a running sentinel topology', () => {
  it('finds nothing wrong with a clean topology and says which nodes it read', async () => {
    const r = await doctor(['--spec', specOf(sentinel), '--json']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.json!.errors).toBe(0);
    expect(live(r.json!.findings).filter((f) => f.severity !== 'info')).toEqual([]);
    expect(r.json!.live).toMatchObject({ checked: true, kind: 'sentinel', nodes: { reachable: 3, total: 3 }, sentinels: { reachable: 3, total: 3 } });
  });

  it('reports an evicting policy on the master as an error and appendonly off on a replica as a warning, naming each node', async () => {
    await withConfig(sentinel, R1, 'maxmemory-policy', 'allkeys-lru', () =>
      withConfig(sentinel, R2, 'appendonly', 'no', async () => {
        const r = await doctor(['--spec', specOf(sentinel), '--json']);
        expect(r.exitCode).toBe(1);
        const findings = live(r.json!.findings);
        expect(findings.find((f) => f.rule === 'maxmemory-policy')).toMatchObject({
          severity: 'error',
          nodes: [`redis-1 127.0.0.1:${R1}`],
          observed: 'allkeys-lru',
          specKey: 'persistence.maxmemoryPolicy',
          fix: expect.stringContaining('CONFIG SET maxmemory-policy noeviction'),
        });
        expect(findings.find((f) => f.rule === 'appendonly')).toMatchObject({ severity: 'warning', nodes: [`redis-2 127.0.0.1:${R2}`], observed: 'no' });

        const text = await doctor(['--spec', specOf(sentinel)]);
        expect(text.exitCode).toBe(1);
        expect(text.stdout).toMatch(new RegExp(String.raw`error\s+maxmemory-policy = allkeys-lru on redis-1 127\.0\.0\.1:${R1}`));
        expect(text.stdout).toContain('fix: CONFIG SET maxmemory-policy noeviction');
        expect(text.stdout).toMatch(/1 error, 1 warning/);
      }),
    );
  });

  it('attached by --sentinel: min-replicas-to-write above the replicas, a slow down-after, and a replica whose link is down', async () => {
    const password = sentinel.password!;
    await withConfig(sentinel, R1, 'min-replicas-to-write', '3', async () => {
      expect(await redisCli(S2, ['SENTINEL', 'SET', 'mymaster', 'down-after-milliseconds', '30000'], password)).toBe('OK');
      // A wrong masterauth and a dropped link: the replica cannot get back, and sentinel does not repair auth.
      await redisCli(R3, ['CONFIG', 'SET', 'masterauth', 'wrong-password'], password);
      await redisCli(R3, ['CLIENT', 'KILL', 'TYPE', 'master'], password);
      try {
        await retryUntil(
          () => redisCli(R3, ['INFO', 'replication'], password),
          (info) => info.includes('master_link_status:down'),
          { timeoutMs: 10_000, intervalMs: 100 },
        );
        const r = await doctor(['--sentinel', `127.0.0.1:${S1}`, '--master-name', 'mymaster', '--password-file', pwFile(sentinel), '--json']);
        expect(r.exitCode).toBe(1);
        expect(r.json!.findings.every((f) => f.source === 'live' && f.specKey === undefined)).toBe(true);
        const by = (rule: string) => r.json!.findings.find((f) => f.rule === rule);
        expect(by('min-replicas-to-write')).toMatchObject({
          severity: 'error',
          nodes: [`127.0.0.1:${R1}`],
          observed: expect.stringMatching(/^3, with 1 replica in sync/),
        });
        expect(by('down-after')).toMatchObject({ severity: 'warning', nodes: [`127.0.0.1:${S2}`], observed: '30000 ms' });
        expect(by('replica-link')).toMatchObject({
          severity: 'error',
          nodes: [`127.0.0.1:${R3}`],
          observed: expect.stringMatching(/^down \(master_last_io_seconds_ago/),
        });
      } finally {
        await redisCli(S2, ['SENTINEL', 'SET', 'mymaster', 'down-after-milliseconds', '1000'], password);
        await redisCli(R3, ['CONFIG', 'SET', 'masterauth', password], password);
        await retryUntil(
          () => redisCli(R3, ['INFO', 'replication'], password),
          (info) => info.includes('master_link_status:up'),
          { timeoutMs: 15_000, intervalMs: 100 },
        );
      }
    });
  });

  it('measures replica lag in bytes when a replica stops applying the stream (CLIENT PAUSE WRITE)', async () => {
    const master = new Redis({ host: '127.0.0.1', port: R1, password: sentinel.password });
    try {
      expect(await redisCli(R2, ['CLIENT', 'PAUSE', '10000', 'WRITE'], sentinel.password)).toBe('OK');
      await master.set('doctor-live:big', 'x'.repeat(1_200_000));
      const r = await doctor(['--spec', specOf(sentinel), '--json']);
      expect(r.exitCode).toBe(0);
      const lag = r.json!.findings.find((f) => f.rule === 'replica-lag');
      expect(lag).toMatchObject({ severity: 'warning', nodes: [`redis-2 127.0.0.1:${R2}`] });
      expect(Number(new RegExp(String.raw`^(\d+) bytes behind redis-1 127\.0\.0\.1:${R1}`).exec(lag!.observed!)?.[1])).toBeGreaterThan(1_100_000);
      expect(lag!.observed).toMatch(/master_last_io_seconds_ago \d+$/);
    } finally {
      await redisCli(R2, ['CLIENT', 'UNPAUSE'], sentinel.password);
      await master.del('doctor-live:big');
      master.disconnect();
    }
  });

  it('names a replica and a sentinel that do not answer (killed): warnings while a majority of sentinels remains, errors (CKQUORUM) once not', async () => {
    await sentinel.started.runtime.act('redis-3', 'kill');
    await sentinel.started.runtime.act('sentinel-3', 'kill');
    try {
      const r = await doctor(['--spec', specOf(sentinel), '--json']);
      expect(r.exitCode, JSON.stringify(r.json?.findings)).toBe(0);
      const by = (rule: string) => r.json!.findings.find((f) => f.rule === rule);
      expect(by('node-unreachable')).toMatchObject({
        severity: 'warning',
        nodes: [`redis-3 127.0.0.1:${R3}`],
        observed: expect.stringMatching(/^unreachable/),
      });
      expect(by('sentinel-unreachable')).toMatchObject({ severity: 'warning', nodes: [`sentinel-3 127.0.0.1:${S3}`] });
      expect(r.json!.live).toMatchObject({ nodes: { reachable: 2, total: 3 }, sentinels: { reachable: 2, total: 3 } });

      // One sentinel left of three: it cannot authorize a failover, and says so through CKQUORUM.
      await sentinel.started.runtime.act('sentinel-2', 'kill');
      await retryUntil(
        () => redisCli(S1, ['SENTINEL', 'CKQUORUM', 'mymaster'], sentinel.password),
        (reply) => reply.includes('NOQUORUM'),
        { timeoutMs: 10_000, intervalMs: 200 },
      );
      const lone = await doctor(['--spec', specOf(sentinel), '--json']);
      expect(lone.exitCode).toBe(1);
      const errors = lone.json!.findings.filter((f) => f.severity === 'error');
      expect(errors.find((f) => f.rule === 'sentinel-ckquorum')).toMatchObject({
        nodes: [`sentinel-1 127.0.0.1:${S1}`],
        observed: expect.stringContaining('NOQUORUM'),
      });
      expect(errors.find((f) => f.rule === 'sentinel-unreachable')).toMatchObject({ nodes: [`sentinel-2 127.0.0.1:${S2}`, `sentinel-3 127.0.0.1:${S3}`] });
    } finally {
      await sentinel.started.runtime.act('redis-3', 'restart');
      await sentinel.started.runtime.act('sentinel-3', 'restart');
      await sentinel.started.runtime.act('sentinel-2', 'restart');
      await retryUntil(
        () => redisCli(S1, ['SENTINEL', 'CKQUORUM', 'mymaster'], sentinel.password),
        (reply) => reply.startsWith('OK'),
        { timeoutMs: 10_000, intervalMs: 200 },
      );
    }
  });

  it('answers a wrong password and an address where nothing listens with one line and exit 3 (unreachable)', async () => {
    const wrong = await doctor(['--sentinel', `127.0.0.1:${S1}`, '--password', 'not-the-password']);
    expect(wrong.exitCode).toBe(EXIT.unreachable);
    expect(wrong.stderr.trim().split('\n')).toHaveLength(1);
    expect(wrong.stderr).toMatch(new RegExp(String.raw`^redis-arc: cannot check sentinel 'mymaster' via 127\.0\.0\.1:${S1}: .*authentication failed`));
    expect(wrong.stderr).not.toContain('not-the-password');

    const nobody = await doctor(['--cluster', '127.0.0.1:20290', '--json']);
    expect(nobody.exitCode).toBe(EXIT.unreachable);
    expect(nobody.stdout).toBe('');
    expect(nobody.stderr.trim()).toMatch(/^redis-arc: cannot reach cluster via 127\.0\.0\.1:20290: no cluster node answers \(.*ECONNREFUSED/);
    expect(nobody.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('doctor in a project that is not running', () => {
  it('skips the live checks (exit 0), unless --live demands them (exit 3: unreachable)', async () => {
    using dir = tempDir();
    expect((await cli(['init', 'standalone', '--dir', dir.path, '--port-base', '20295'])).exitCode).toBe(0);
    const spec = join(dir.path, 'redis-arc.yaml');
    const r = await doctor(['--spec', spec, '--json']);
    expect(r.exitCode).toBe(0);
    expect(r.json!.live).toMatchObject({ checked: false, reason: expect.stringMatching(/^not running: .*127\.0\.0\.1:20295/) });
    expect((await doctor(['--spec', spec])).stdout).toContain('live checks skipped');
    const required = await doctor(['--spec', spec, '--live']);
    expect(required.exitCode).toBe(EXIT.unreachable);
    expect(required.stderr.trim()).toMatch(/^redis-arc: cannot reach standalone 127\.0\.0\.1:20295: /);
    const off = await doctor(['--spec', spec, '--no-live', '--json']);
    expect(off.json!.live).toEqual({ checked: false, reason: 'off (--no-live)' });
  });
});

describe('doctor on a running cluster', () => {
  it('finds nothing wrong with a clean cluster, and no finding for a real BullMQ queue under {bull}', async () => {
    const connection = connect(cluster.started.target, 'producer');
    const queue = new Queue('orders', { connection, prefix: '{bull}' });
    try {
      for (let i = 0; i < 5; i++) await queue.add('order', { i });
      const r = await doctor(['--spec', specOf(cluster), '--json']);
      expect(r.exitCode, r.stderr).toBe(0);
      expect(live(r.json!.findings).filter((f) => f.severity !== 'info')).toEqual([]);
      expect(r.json!.live).toMatchObject({
        checked: true,
        kind: 'cluster',
        nodes: { reachable: 6, total: 6 },
        scan: { masters: 3, capped: [], queues: [{ prefix: '{bull}', name: 'orders', tagged: true, slots: 1 }] },
      });
    } finally {
      await queue.obliterate({ force: true }).catch(() => undefined);
      await queue.close();
      await closeConnection(connection);
    }
  });

  it('finds un-tagged BullMQ keys spread over the masters, names the queue, and says when the scan was capped', async () => {
    const c = new Cluster([{ host: '127.0.0.1', port: C1 }], { redisOptions: { password: cluster.password } });
    // What a queue 'emails' under BullMQ's default prefix leaves behind (e.g. copied over from a single node).
    const keys = ['bull:emails:meta', 'bull:emails:id', 'bull:emails:wait', 'bull:emails:events', ...[1, 2, 3, 4].map((i) => `bull:emails:${i}`)];
    try {
      await c.hset('bull:emails:meta', 'opts.maxLenEvents', '10000');
      await c.set('bull:emails:id', '4');
      await c.lpush('bull:emails:wait', '1', '2', '3', '4');
      await c.xadd('bull:emails:events', '*', 'event', 'added', 'jobId', '1');
      for (let i = 1; i <= 4; i++) await c.hset(`bull:emails:${i}`, 'name', 'send', 'data', '{}', 'timestamp', String(Date.now()));

      await withConfig(cluster, C2, 'maxmemory-policy', 'volatile-lru', async () => {
        const r = await doctor(['--cluster', `127.0.0.1:${C1}`, '--password-file', pwFile(cluster), '--json']);
        expect(r.exitCode).toBe(1);
        const tags = r.json!.findings.filter((f) => f.rule === 'cluster-hash-tags');
        expect(tags).toHaveLength(1);
        expect(tags[0]).toMatchObject({ severity: 'error', path: "queue 'emails' (prefix 'bull')", fix: expect.stringContaining("prefix: '{bull}'") });
        expect(tags[0]!.message).toContain('CROSSSLOT');
        expect(tags[0]!.nodes!.length).toBeGreaterThan(1);
        expect(tags[0]!.observed).toMatch(/^8 keys in [2-8] slots on [23] masters/);
        // The slots doctor computes are the ones Redis hashes the keys to.
        const examples = [...tags[0]!.observed!.matchAll(/(\S+) \(slot (\d+)\)/g)];
        expect(examples.length).toBeGreaterThan(0);
        for (const [, key, slot] of examples) {
          expect(await redisCli(C1, ['CLUSTER', 'KEYSLOT', key!], cluster.password)).toBe(slot);
        }
        expect(r.json!.findings.find((f) => f.rule === 'maxmemory-policy')).toMatchObject({
          severity: 'error',
          nodes: [`127.0.0.1:${C2}`],
          observed: 'volatile-lru',
        });
      });

      const capped = await doctor(['--spec', specOf(cluster), '--scan-limit', '1', '--json']);
      expect(capped.json!.findings.some((f) => f.rule === 'key-scan' && f.severity === 'info')).toBe(true);
      expect((capped.json!.live.scan as { capped: string[] }).capped.length).toBeGreaterThan(0);

      const text = await doctor(['--spec', specOf(cluster)]);
      expect(text.stdout).toMatch(/error\s+queue 'emails' \(prefix 'bull'\) = 8 keys in \d+ slots/);
    } finally {
      await Promise.all(keys.map((k) => c.del(k)));
      await c.quit();
    }
  });
});
