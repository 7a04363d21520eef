/**
 * `up` calls a Sentinel topology healthy only once every sentinel can authorise a failover: each
 * one's peers connected and answering, not merely CKQUORUM at one instant. A sentinel restarted
 * while it cannot reach its peers passed CKQUORUM for its first second (its peers, known from its
 * conf, count as usable until down-after-milliseconds), `up` said healthy, and a failover-test a
 * moment later was refused with `CKQUORUM: NOQUORUM 1 usable Sentinels`. A CLI project on this
 * file's own ports (22640-22642, sentinels 22740-22742); the cut needs root and nft.
 */
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { applyCut, nftUsable, removeTable } from '../../src/network/nft.js';
import { between } from '../../src/network/ruleset.js';
import { projectTable } from '../../src/network/table-name.js';
import { BIN, cli, expectNoStackTrace } from '../helpers/cli.js';
import { cliProject } from '../helpers/cli-project.js';
import { statePids } from '../helpers/processes.js';

const usable = await nftUsable();
const CI = process.env.CI === 'true';
const project = cliProject('sentinel', ['--port-base', '22640', '--sentinel-port-base', '22740', '--addresses', 'per-node', '--down-after-ms', '1000']);
// A table of the project's prefix but not the project's own name: `up` removes the project's own leftover table.
const table = projectTable(join(project.dir, 'sentinel-cut'));

async function sentinels(): Promise<{ name: string; address: string }[]> {
  const r = await cli(['status', '--json', '--spec', project.spec]);
  return (JSON.parse(r.stdout) as { sentinels: { name: string; address: string }[] }).sentinels;
}

async function ckquorums(): Promise<string[]> {
  return Promise.all(
    (await sentinels()).map(async ({ address }) => {
      const [host, port] = address.split(':');
      const c = new Redis({ host, port: Number(port), password: project.password, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      c.on('error', () => {});
      try {
        await c.connect();
        return String(await c.call('SENTINEL', 'CKQUORUM', 'mymaster'));
      } catch (err) {
        return String(err);
      } finally {
        c.disconnect();
      }
    }),
  );
}

describe.skipIf(!usable && !CI)('up waits until every sentinel can authorise a failover (needs root and nft)', () => {
  afterAll(async () => {
    await removeTable(table).catch(() => undefined);
  });

  it('a sentinel restarted cut off from its peers: up keeps waiting, naming the peers, and is healthy once they answer; CKQUORUM then stays OK', async () => {
    const first = await cli(['up', '--spec', project.spec]);
    expect(first.exitCode, first.stderr).toBe(0);
    const known = await sentinels();
    const host = (id: string) => known.find((s) => s.name === id)!.address.split(':')[0]!;
    process.kill(statePids(project.dir)['sentinel-1']!, 'SIGKILL');
    await applyCut(table, {
      rules: between([host('sentinel-1')], [host('sentinel-2'), host('sentinel-3')]),
      describe: 'sentinel-1 | sentinel-2,sentinel-3 (test)',
    });
    try {
      const started = Date.now();
      const up = execa(BIN, ['up', '--spec', project.spec], { reject: false, env: { NO_COLOR: '1' }, all: true });
      const exited = await Promise.race([up.then(() => true), sleep(5000).then(() => false)]);
      expect(exited, 'up must not call sentinel-1 healthy while it cannot reach its peers').toBe(false);
      await removeTable(table);
      const r = await up;
      expect(r.exitCode, String(r.all)).toBe(0);
      expectNoStackTrace(String(r.all));
      expect(String(r.all)).toMatch(/waiting for .*(peer sentinel-\d .* not answering|NOQUORUM)/);
      expect(Date.now() - started).toBeLessThan(30_000);
    } finally {
      await removeTable(table).catch(() => undefined);
    }
    // Right after up said healthy, and for the next seconds, every sentinel authorises a failover.
    const end = Date.now() + 3000;
    while (Date.now() < end) {
      for (const answer of await ckquorums()) expect(answer).toMatch(/^OK 3 usable Sentinels/);
      await sleep(250);
    }
    const failover = await cli(['failover-test', '--trials', '1', '--warmup', '1000', '--spec', project.spec]);
    expect(failover.stderr).not.toMatch(/CKQUORUM/);
    expect(failover.exitCode, failover.stderr).toBe(0);
  });
});
