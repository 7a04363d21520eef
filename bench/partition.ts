/**
 * The fix for split brain, proven (issue 15): a Sentinel master partitioned from its replicas and
 * sentinels, written to by a client on 127.0.0.1 that stays on it (as a client that does not
 * follow +switch-master does), with and without `min-replicas-to-write 1`:
 *   - acked_during_cut: writes the cut-off master acknowledged between the partition and the heal;
 *   - lost: those of them gone after the heal (Sentinel demotes the old master; it resyncs);
 *   - refused_during_cut: writes it refused (NOREPLICAS), the cost of the fix;
 *   - last_ack_ms: when it acknowledged its last write after t0: the window the fix bounds.
 * Then the same partition through failover-test (BullMQ adds, redis-arc's clients, which leave
 * the old master at +switch-master): adds.cutOff and failed adds.
 * Needs root and nft (run it in a network namespace of its own). Ports 24400-24699.
 * Usage: npx tsx bench/partition.ts [--trials N] [--cut-ms MS] [--rate N] [--json FILE]
 */
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { startTopology } from '../src/project/start.js';
import { waitUntilHealthy } from '../src/probe/wait.js';
import { injectNetwork } from '../src/scenarios/faults/fault-network.js';
import { runFailoverTest } from '../src/scenarios/failover/index.js';
import type { NodePlan } from '../src/topology/types.js';
import { DEFAULT_BOOT_TIMEOUT_MS } from '../src/runtime/defaults.js';

const { values } = parseArgs({
  options: {
    trials: { type: 'string', default: '3' },
    'cut-ms': { type: 'string', default: '10000' },
    rate: { type: 'string', default: '200' },
    json: { type: 'string' },
  },
});
const TRIALS = Number(values.trials);
const CUT_MS = Number(values['cut-ms']);
const RATE = Number(values.rate);
const DOWN_AFTER_MS = 1000;

const CONFIGS = [
  { name: 'without', minReplicasToWrite: 0, minReplicasMaxLagS: 10, portBase: 24400 },
  { name: 'with (max-lag 10 s, the default)', minReplicasToWrite: 1, minReplicasMaxLagS: 10, portBase: 24500 },
  { name: 'with (max-lag 2 s)', minReplicasToWrite: 1, minReplicasMaxLagS: 2, portBase: 24600 },
];

const say = (m: string) => process.stderr.write(`${m}\n`);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2) : null;
};

async function until<T>(check: () => Promise<T | undefined | false>, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await check().catch(() => undefined);
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out');
    await sleep(100);
  }
}

const runs = [];
for (const c of CONFIGS) {
  await using topo = await startTopology('sentinel', {
    addresses: 'per-node',
    portBase: c.portBase,
    sentinelPortBase: c.portBase + 50,
    downAfterMs: DOWN_AFTER_MS,
    minReplicasToWrite: c.minReplicasToWrite,
    minReplicasMaxLagS: c.minReplicasMaxLagS,
    dirPrefix: 'redis-arc-bench-partition-',
    timeoutMs: DEFAULT_BOOT_TIMEOUT_MS,
  });
  const password = topo.credentials.password;
  const nodes = topo.runtime.topology.nodes;
  const open = (n: { host: string; port: number }) => {
    const r = new Redis({ host: n.host, port: n.port, password, maxRetriesPerRequest: 0, commandTimeout: 2000 });
    r.on('error', () => {});
    return r;
  };
  const sentinel = open(nodes.find((n) => n.role === 'sentinel')!);
  const masterNow = async (): Promise<NodePlan> => {
    const [host, port] = (await sentinel.call('SENTINEL', 'get-master-addr-by-name', 'mymaster')) as [string, string];
    return nodes.find((n) => n.host === host && n.port === Number(port))!;
  };

  const pinned = [];
  for (let trial = 1; trial <= TRIALS; trial++) {
    await waitUntilHealthy(topo.target, { timeoutMs: 90_000 });
    const master = await masterNow();
    const writer = open(master);
    const key = `redis-arc-bench-partition:${c.portBase}:${trial}`;
    const acks: { id: number; atMs: number }[] = [];
    const refusals: number[] = [];
    let otherErrors = 0;
    let t0 = Infinity;
    let healAt = Infinity;
    // The writer stops within a poll (100 ms) of the heal; what it sends after the heal is not counted as during the cut.
    let writing = true;
    // Fixed rate: one SADD every 1000/RATE ms, each a unique member.
    const loop = (async () => {
      const start = performance.now();
      for (let i = 0; writing; i++) {
        const due = start + (i * 1000) / RATE;
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
        writer.sadd(key, String(i)).then(
          () => acks.push({ id: i, atMs: performance.now() - t0 }),
          (err: Error) => {
            if (/NOREPLICAS/.test(err.message)) refusals.push(performance.now() - t0);
            else otherErrors++;
          },
        );
      }
    })();
    await sleep(1000);
    t0 = performance.now();
    const fault = await injectNetwork('partition', { runtime: topo.runtime, projectDir: topo.dir, targetId: master.id, faultMs: CUT_MS });
    await until(async () => fault.endedAt !== undefined, CUT_MS + 10_000);
    healAt = fault.endedAt! - t0;
    writing = false;
    await loop;
    await sleep(2500); // the writes in flight settle (command timeout 2 s)
    writer.disconnect();
    // Sentinel demotes the old master once it sees it again; then read the set back from the new master.
    const promoted = await until(async () => {
      const m = await masterNow();
      return m.id !== master.id && m;
    }, 30_000);
    const oldRole = open(master);
    await until(async () => /role:slave[\s\S]*master_link_status:up/.test(await oldRole.info('replication')), 90_000);
    oldRole.disconnect();
    const reader = open(promoted);
    const present = new Set(await reader.smembers(key));
    await reader.del(key);
    reader.disconnect();
    const during = acks.filter((a) => a.atMs >= 0 && a.atMs <= healAt);
    const lost = acks.filter((a) => !present.has(String(a.id)));
    const row = {
      trial,
      master: master.id,
      promoted: promoted.id,
      acked: acks.length,
      acked_during_cut: during.length,
      lost: lost.length,
      lost_during_cut: lost.filter((a) => a.atMs >= 0 && a.atMs <= healAt).length,
      refused_during_cut: refusals.filter((at) => at >= 0 && at <= healAt).length,
      refused_before_cut: refusals.filter((at) => at < 0).length,
      refused_after_heal: refusals.filter((at) => at > healAt).length,
      first_refusal_ms: refusals.some((at) => at >= 0) ? Math.round(Math.min(...refusals.filter((at) => at >= 0))) : null,
      other_errors: otherErrors,
      last_ack_ms: during.length ? Math.round(Math.max(...during.map((a) => a.atMs))) : null,
      heal_ms: Math.round(healAt),
    };
    pinned.push(row);
    say(`${c.name} pinned trial ${trial}: ${JSON.stringify(row)}`);
  }

  // The same partition through failover-test: redis-arc's clients leave the old master at +switch-master.
  await waitUntilHealthy(topo.target, { timeoutMs: 90_000 });
  const ft = await runFailoverTest({
    topology: topo,
    fault: 'partition',
    mode: 'direct',
    rate: 100,
    trials: TRIALS,
    warmupMs: 1000,
    settleMs: 1000,
    pauseMs: CUT_MS,
    maxRecoveryMs: CUT_MS + 30_000,
    healTimeoutMs: 90_000,
    thresholds: {},
    onProgress: (m) => process.stderr.write(`\r${c.name} failover-test ${m}`.padEnd(100)),
  });
  process.stderr.write('\n');
  const tool = ft.trials.map((t) => ({
    trial: t.trial,
    verdict: t.verdict,
    promote_ms: t.metrics.promote_ms,
    write_gap_ms: t.metrics.write_gap_ms,
    acked: t.adds.acked,
    failed: t.adds.failed,
    lost: t.adds.lost,
    cut_off_acked: t.adds.cutOff?.acked ?? null,
    cut_off_lost: t.adds.cutOff?.lost ?? null,
  }));
  say(`${c.name} failover-test: ${JSON.stringify(tool)}`);
  sentinel.disconnect();
  runs.push({
    config: c.name,
    spec: { minReplicasToWrite: c.minReplicasToWrite, minReplicasMaxLagS: c.minReplicasMaxLagS, downAfterMs: DOWN_AFTER_MS },
    pinnedWriter: {
      trials: pinned,
      median: {
        acked_during_cut: median(pinned.map((p) => p.acked_during_cut)),
        lost: median(pinned.map((p) => p.lost)),
        lost_during_cut: median(pinned.map((p) => p.lost_during_cut)),
        refused_during_cut: median(pinned.map((p) => p.refused_during_cut)),
        last_ack_ms: median(pinned.map((p) => p.last_ack_ms ?? 0)),
      },
    },
    failoverTest: tool,
  });
}

const out = {
  schemaVersion: 1,
  bench: 'partition',
  node: process.version,
  cpus: cpus().length,
  at: new Date().toISOString(),
  setup: { kind: 'sentinel 1+2+3, per-node loopback addresses, nftables partition of the master', cutMs: CUT_MS, pinnedRate: RATE, trials: TRIALS },
  runs,
};
const text = `${JSON.stringify(out, null, 2)}\n`;
if (values.json) writeFileSync(values.json, text);
process.stdout.write(text);
process.exit(0);
