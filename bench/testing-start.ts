/**
 * redis-arc/testing: time from start() to healthy and from dispose to stopped, per shape, against
 * one plain redis-server started and stopped the same way (spawned, PING until it answers; TERM,
 * wait for the exit), and a 3x1 cluster by Redis' own path (six redis-servers, `redis-cli --cluster
 * create --cluster-replicas 1 --cluster-yes`, CLUSTER INFO every 10 ms, and every 1 ms, until every
 * node says cluster_state:ok). Shapes run interleaved, round by round, in one process; each library
 * cluster is compared with each redis-cli path round by round (versusPeers).
 * Usage: npx tsx bench/testing-start.ts [--runs N] [--json FILE] [--note TEXT]. Ports from REDIS_ARC_TESTING_PORTS (default 9000-9999), the peer's too.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { execa } from 'execa';
import { Redis } from 'ioredis';
import { cluster, sentinel, standalone, type TestTopology } from '../src/testing/index.js';
import { portRange, reservePorts } from '../src/testing/ports.js';
import { retryUntil } from '../src/wait/retry.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, json: { type: 'string' }, note: { type: 'string' } } });
const runs = Number(values.runs);
process.env.REDIS_ARC_TESTING_PORTS ??= '9000-9999';
const range = portRange(undefined);

interface Timing {
  startMs: number;
  disposeMs: number;
}

async function timeLibrary(start: () => Promise<TestTopology>): Promise<Timing> {
  const t0 = performance.now();
  const topo = await start();
  const t1 = performance.now();
  await topo.stop();
  return { startMs: t1 - t0, disposeMs: performance.now() - t1 };
}

/** Answers PING (or says cluster_state:ok) within 20 s, polled every 10 ms (or as given). */
async function until(port: number, ok: (c: Redis) => Promise<boolean>, intervalMs = 10): Promise<void> {
  const c = new Redis({ port, lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => 10 });
  c.on('error', () => {});
  const r = await retryUntil(
    () =>
      c
        .connect()
        .catch(() => undefined)
        .then(() => ok(c))
        .catch(() => false),
    Boolean,
    { timeoutMs: 20_000, intervalMs },
  );
  c.disconnect();
  if (!r.ok) throw new Error(`port ${port} never got there`);
}

function server(dir: string, port: number, extra: string[] = []): ChildProcess {
  return spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, ...extra], {
    stdio: 'ignore',
    cwd: dir,
  });
}

async function stopAll(procs: ChildProcess[], dir: string): Promise<void> {
  await Promise.all(procs.map((p) => new Promise((exited) => (p.once('exit', exited), p.kill('SIGTERM')))));
  rmSync(dir, { recursive: true, force: true });
}

async function timePlain(): Promise<Timing> {
  const block = await reservePorts(1, 0, false, range);
  const dir = mkdtempSync(join(tmpdir(), 'redis-arc-bench-plain-'));
  try {
    const t0 = performance.now();
    const p = server(dir, block.portBase);
    await until(block.portBase, async (c) => (await c.ping()) === 'PONG');
    const t1 = performance.now();
    await stopAll([p], dir);
    return { startMs: t1 - t0, disposeMs: performance.now() - t1 };
  } finally {
    block.release();
  }
}

async function timeRedisCliCluster(pollMs: number): Promise<Timing> {
  const block = await reservePorts(6, 0, true, range);
  const dir = mkdtempSync(join(tmpdir(), 'redis-arc-bench-create-'));
  const ports = block.ports.slice(0, 6);
  try {
    const t0 = performance.now();
    const procs = ports.map((port) =>
      server(dir, port, ['--cluster-enabled', 'yes', '--cluster-config-file', `nodes-${port}.conf`, '--cluster-node-timeout', '1000']),
    );
    await Promise.all(ports.map((port) => until(port, async (c) => (await c.ping()) === 'PONG')));
    await execa('redis-cli', ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', '1', '--cluster-yes']);
    await Promise.all(ports.map((port) => until(port, async (c) => String(await c.call('CLUSTER', 'INFO')).includes('cluster_state:ok'), pollMs)));
    const t1 = performance.now();
    await stopAll(procs, dir);
    return { startMs: t1 - t0, disposeMs: performance.now() - t1 };
  } finally {
    block.release();
  }
}

const SHAPES: { name: string; run: () => Promise<Timing> }[] = [
  { name: 'plain redis-server', run: timePlain },
  { name: 'standalone', run: () => timeLibrary(() => standalone().start()) },
  { name: 'sentinel 1+2+3', run: () => timeLibrary(() => sentinel({ replicas: 2, sentinels: 3 }).start()) },
  { name: 'cluster 3x1', run: () => timeLibrary(() => cluster({ masters: 3, replicasPerMaster: 1 }).start()) },
  { name: 'cluster 3x1, appendonly: false', run: () => timeLibrary(() => cluster({ masters: 3, replicasPerMaster: 1, appendonly: false }).start()) },
  // The spec's node-timeout (what `redis-arc up` runs): gossip alone would spread slots and replicas' masters only every 2.5 s.
  { name: 'cluster 3x1, nodeTimeoutMs: 5000', run: () => timeLibrary(() => cluster({ masters: 3, replicasPerMaster: 1, nodeTimeoutMs: 5000 }).start()) },
  { name: 'cluster 3x1 by redis-cli --cluster create', run: () => timeRedisCliCluster(10) },
  // The same path asking every millisecond, as the library's wait does: the peer at its fastest.
  { name: 'cluster 3x1 by redis-cli --cluster create, polled every 1 ms', run: () => timeRedisCliCluster(1) },
];

const times = new Map<string, Timing[]>(SHAPES.map((s) => [s.name, []]));
for (let round = 0; round < runs; round++) {
  for (const shape of SHAPES) times.get(shape.name)!.push(await shape.run());
}
const median = (xs: number[]) => Math.round([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!);
const plain = times.get('plain redis-server')!;
const base = { startMs: median(plain.map((t) => t.startMs)), disposeMs: median(plain.map((t) => t.disposeMs)) };
const results = SHAPES.map(({ name }) => {
  const ts = times.get(name)!;
  const startMs = median(ts.map((t) => t.startMs));
  const disposeMs = median(ts.map((t) => t.disposeMs));
  const r = {
    shape: name,
    startMs,
    disposeMs,
    startVsPlain: +(startMs / base.startMs).toFixed(1),
    disposeVsPlain: +(disposeMs / base.disposeMs).toFixed(1),
    runs: ts.map((t) => ({ startMs: Math.round(t.startMs), disposeMs: Math.round(t.disposeMs) })),
  };
  process.stderr.write(`${name}: start ${startMs} ms (${r.startVsPlain}x plain), dispose ${disposeMs} ms (${r.disposeVsPlain}x)\n`);
  return r;
});
// The goal is per round (machines here are noisy): each library cluster against each redis-cli path of the same round.
const PEERS = SHAPES.map((s) => s.name).filter((n) => n.includes('redis-cli'));
const versusPeers = SHAPES.map((s) => s.name)
  .filter((n) => n.startsWith('cluster') && !PEERS.includes(n))
  .flatMap((library) =>
    PEERS.map((peer) => {
      const diffs = times.get(library)!.map((t, i) => t.startMs - times.get(peer)![i]!.startMs);
      const r = { library, peer, medianDiffMs: median(diffs), noSlowerRounds: diffs.filter((d) => d <= 0).length, rounds: diffs.length };
      process.stderr.write(`${library} vs ${peer}: ${r.medianDiffMs} ms per round (median), no slower in ${r.noSlowerRounds} of ${r.rounds}\n`);
      return r;
    }),
  );
const out = {
  schemaVersion: 1,
  bench: 'testing-start',
  node: process.version,
  cpus: cpus().length,
  at: new Date().toISOString(),
  load: loadavg()[0],
  runs,
  ...(values.note && { note: values.note }),
  results,
  versusPeers,
};
const text = `${JSON.stringify(out, null, 2)}\n`;
if (values.json) writeFileSync(values.json, text);
process.stdout.write(text);
process.exit(0);
