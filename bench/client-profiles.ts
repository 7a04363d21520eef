/**
 * Issue 14's table on this machine: what the same fault costs an application on ioredis/BullMQ
 * defaults and on tuned settings (bench/clients/tuned.mjs), trials interleaved per fault:
 *   - SIGKILL the master, down-after 1000;
 *   - SIGSTOP the master for 10 s, down-after 5000;
 *   - SIGSTOP the master for 2 s, down-after 1000.
 * Usage: npx tsx bench/client-profiles.ts [--trials N] [--clients LIST] [--cases kill,pause10,pause2] [--json FILE]. Ports 8200-8499 (a topology of its own per case: ioredis' failoverDetector can leave sentinel subscribers behind, which would log in to a later topology on the same ports).
 */
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startTopology } from '../src/project/start.js';
import { DEFAULT_FAILOVER } from '../src/scenarios/failover/defaults.js';
import { runFailoverTest } from '../src/scenarios/failover/index.js';
import { resolveProfiles } from '../src/profiles/resolve.js';
import { type Fault } from '../src/scenarios/faults/names.js';
import { DEFAULT_BOOT_TIMEOUT_MS } from '../src/runtime/defaults.js';

const { values } = parseArgs({
  options: {
    trials: { type: 'string', default: '3' },
    json: { type: 'string' },
    clients: { type: 'string', default: 'defaults,./clients/tuned.mjs' },
    cases: { type: 'string', default: 'kill,pause10,pause2' },
  },
});
const trials = Number(values.trials);
const profiles = await resolveProfiles(values.clients, { cwd: resolve(import.meta.dirname) });

interface Case {
  id: string;
  name: string;
  downAfterMs: number;
  portBase: number;
  fault: Fault;
  pauseMs?: number;
}
const ALL_CASES: Case[] = [
  { id: 'kill', name: 'SIGKILL, down-after 1000', downAfterMs: 1000, portBase: 8200, fault: 'kill' },
  { id: 'pause10', name: 'SIGSTOP 10 s, down-after 5000', downAfterMs: 5000, portBase: 8300, fault: 'pause', pauseMs: 10_000 },
  { id: 'pause2', name: 'SIGSTOP 2 s, down-after 1000', downAfterMs: 1000, portBase: 8400, fault: 'pause', pauseMs: 2000 },
];
const CASES = ALL_CASES.filter((c) => values.cases.split(',').includes(c.id));

const rows = [];
for (const c of CASES) {
  await using topo = await startTopology('sentinel', {
    portBase: c.portBase,
    sentinelPortBase: c.portBase + 50,
    downAfterMs: c.downAfterMs,
    dirPrefix: 'redis-arc-bench-clients-',
    timeoutMs: DEFAULT_BOOT_TIMEOUT_MS,
  });
  const r = await runFailoverTest({
    ...DEFAULT_FAILOVER,
    topology: topo,
    fault: c.fault,
    trials,
    profiles,
    pauseMs: c.pauseMs ?? DEFAULT_FAILOVER.pauseMs,
    warmupMs: 1000,
    settleMs: 1000,
    maxRecoveryMs: 40_000,
    thresholds: {},
    onProgress: (m) => process.stderr.write(`\r${c.name}: ${m}`.padEnd(100)),
  });
  for (const p of r.profiles ?? []) {
    const mine = r.trials.filter((t) => t.client?.profile === p.client.profile);
    const row = {
      case: c.name,
      client: p.client,
      trials: mine.length,
      verdicts: mine.map((t) => t.verdict),
      promote_ms: mine.map((t) => t.metrics.promote_ms),
      write_gap_ms: mine.map((t) => t.metrics.write_gap_ms),
      consume_gap_ms: mine.map((t) => t.metrics.consume_gap_ms),
      outage: mine.map((t) => t.metrics.outage),
      acked: mine.map((t) => t.adds.acked),
      lost: mine.map((t) => t.adds.lost),
      indeterminate: mine.map((t) => t.adds.indeterminate),
      reissued: mine.map((t) => t.adds.reissued),
      overwritten: mine.map((t) => t.adds.overwritten),
      notes: mine.map((t) => t.notes),
      summary: p,
    };
    rows.push(row);
    process.stderr.write(
      `\n${c.name} ${p.client.profile}: gap ${JSON.stringify(row.write_gap_ms)} promote ${JSON.stringify(row.promote_ms)} lost ${JSON.stringify(row.lost)} reissued ${JSON.stringify(row.reissued)} overwritten ${JSON.stringify(row.overwritten)}\n`,
    );
  }
}
const out = { schemaVersion: 1, bench: 'client-profiles', node: process.version, cpus: cpus().length, at: new Date().toISOString(), redis: '7.0.15', rows };
const text = `${JSON.stringify(out, null, 2)}\n`;
if (values.json) writeFileSync(values.json, text);
process.stdout.write(text);
process.exit(0);
