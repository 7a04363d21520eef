/**
 * doctor's `cluster-shared-tag` on a real 3x1 cluster with real BullMQ queues: every queue under
 * one tag ('{bull}') is one master's traffic, named with its slot; a tag per queue is not.
 * The cluster is redis-arc/testing's, on free ports.
 */
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../src/connect/connect.js';
import { keySlot } from '../../src/topology/key-slot.js';
import { cli, expectNoStackTrace } from '../helpers/cli.js';
import { redisCli } from '../helpers/redis-cli.js';
import { cluster as startCluster, type TestTopology } from '../../src/testing/index.js';
import { portsOf } from '../helpers/topology.js';

interface JsonFinding {
  source: 'spec' | 'live';
  rule: string;
  severity: string;
  path: string;
  nodes?: string[];
  observed?: string;
  message: string;
  fix: string;
}

let cluster: TestTopology<'cluster'>;
let connection: Connection;
beforeAll(async () => {
  cluster = await startCluster({ nodeTimeoutMs: 1000 }).start();
  connection = cluster.connection('producer');
});
afterAll(() => cluster?.stop());

const NAMES = ['orders', 'emails', 'invoices'];

/** Queues with one job each under `prefixOf(name)`, removed again after `fn`. */
async function withQueues(prefixOf: (name: string) => string, fn: () => Promise<void>): Promise<void> {
  const queues = NAMES.map((name) => new Queue(name, { connection, prefix: prefixOf(name) }));
  try {
    for (const q of queues) await q.add('job', { q: q.name });
    await fn();
  } finally {
    for (const q of queues) {
      await q.obliterate({ force: true }).catch(() => undefined);
      await q.close();
    }
  }
}

async function doctorFindings(): Promise<JsonFinding[]> {
  const r = await cli(['doctor', '--spec', cluster.started.project.specFile, '--json']);
  expectNoStackTrace(r.stderr);
  expect(r.exitCode, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { findings: JsonFinding[] }).findings;
}

describe('doctor on a cluster whose queues share one hash tag', () => {
  it('names the one master and slot every queue lands on, and says per-queue tags spread them', async () => {
    await withQueues(
      () => '{bull}',
      async () => {
        const findings = (await doctorFindings()).filter((f) => f.rule === 'cluster-shared-tag');
        expect(findings).toHaveLength(1);
        const f = findings[0]!;
        // The slot and master are the ones Redis itself gives.
        const slot = Number(await redisCli(portsOf(cluster, 'node-1')[0], ['CLUSTER', 'KEYSLOT', '{bull}:orders:meta'], cluster.password));
        expect(slot).toBe(keySlot('{bull}'));
        const owner = cluster.started.project.topology.nodes.find((n) => n.slots && slot >= n.slots[0] && slot <= n.slots[1])!;
        expect(f).toMatchObject({ severity: 'warning', path: "prefix '{bull}'", nodes: [`${owner.id} 127.0.0.1:${owner.port}`] });
        const observed = new RegExp(
          `^3 queues \\(emails, invoices, orders\\) all in slot ${slot} on ${owner.id} 127\\.0\\.0\\.1:${owner.port}: (\\d+) of \\1 queue keys on 1 of 3 masters; (\\d+) of (\\d+) script calls \\((\\d+)%\\) since the masters started$`,
        );
        const [, , mine, total, pct] = observed.exec(f.observed ?? '') ?? expect.fail(`observed: ${f.observed}`);
        // Every add ran a BullMQ script on the owner: the measured share of queue traffic there.
        expect(Number(mine)).toBeGreaterThanOrEqual(3);
        expect(Number(pct), `${mine} of ${total}`).toBeGreaterThanOrEqual(90);
        expect(f.message).toContain(`all queue traffic lands on one master (${owner.id} 127.0.0.1:${owner.port}, slot ${slot})`);
        expect(f.fix).toContain("prefix '{bull:<queue>}'");
      },
    );
  });

  it('finds nothing when each queue has its own tag', async () => {
    await withQueues(
      (name) => `{bull:${name}}`,
      async () => {
        expect(new Set(NAMES.map((n) => keySlot(`{bull:${n}}`))).size).toBe(3);
        const live = (await doctorFindings()).filter((f) => f.source === 'live');
        expect(live.map((f) => f.rule)).not.toContain('cluster-shared-tag');
        expect(live.map((f) => f.rule)).not.toContain('cluster-hash-tags');
      },
    );
  });
});
