/** Boots a real 3x1 cluster with the CLI and checks it with redis-cli --cluster check. Ports 16500-16599 (bus 26500-26599; 21100+ are failover-attach-faults' cluster bus ports). */
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../src/errors/index.js';
import { cli } from '../helpers/cli.js';
import { cliProject } from '../helpers/cli-project.js';
import { redisProcessesUnder, statePids } from '../helpers/processes.js';
import { redisCli } from '../helpers/redis-cli.js';

const p = cliProject('cluster', ['--port-base', '16500', '--node-timeout', '1000']);
const { spec } = p;

/** node id -> master node id, from one node's CLUSTER NODES. */
function replicaMasters(nodes: string): Map<string, string> {
  const byId = new Map<string, string>();
  const lines = nodes
    .trim()
    .split('\n')
    .map((l) => l.split(' '));
  for (const [id, addr] of lines) byId.set(id!, addr!.split('@')[0]!);
  const out = new Map<string, string>();
  for (const [, addr, flags, master] of lines) {
    if (flags!.includes('slave')) out.set(addr!.split('@')[0]!, byId.get(master!)!);
  }
  return out;
}

describe('cluster 3x1 on the local runtime', () => {
  it('up reports healthy and redis-cli --cluster check agrees', async () => {
    const up = await cli(['up', '--spec', spec]);
    expect(up.exitCode, up.stderr).toBe(0);
    const check = await redisCli(16500, ['--cluster', 'check', '127.0.0.1:16500'], p.password);
    expect(check).toContain('[OK] All nodes agree about slots configuration.');
    expect(check).toContain('[OK] All 16384 slots covered.');
    expect(await redisCli(16501, ['CLUSTER', 'INFO'], p.password)).toContain('cluster_state:ok');
  });

  it('attaches each replica to its planned master', async () => {
    const masters = replicaMasters(await redisCli(16500, ['CLUSTER', 'NODES'], p.password));
    expect(Object.fromEntries(masters)).toEqual({
      '127.0.0.1:16503': '127.0.0.1:16500',
      '127.0.0.1:16504': '127.0.0.1:16501',
      '127.0.0.1:16505': '127.0.0.1:16502',
    });
  });

  it('status shows the slot ranges, and a killed master makes it not healthy', async () => {
    const ok = await cli(['status', '--spec', spec, '--json']);
    expect(ok.exitCode).toBe(0);
    const slots = JSON.parse(ok.stdout)
      .nodes.filter((n: { role: string }) => n.role === 'master')
      .map((n: { slots: string }) => n.slots);
    expect(slots.sort()).toEqual(['0-5460', '10923-16383', '5461-10922']);

    process.kill(statePids(p.dir)['node-2']!, 'SIGKILL');
    const r = await cli(['status', '--spec', spec, '--json']);
    expect([EXIT.failed, EXIT.unreachable]).toContain(r.exitCode); // degraded or down
    expect(JSON.parse(r.stdout).problems.join('\n')).toContain('node-2');
  });

  it('up restarts the killed master, which rejoins as a replica of the node that took over', async () => {
    // node-2 was SIGKILLed above; its replica node-5 is promoted after the node timeout (1 s).
    await expect.poll(async () => (await redisCli(16504, ['ROLE'], p.password)).split('\n')[0], { timeout: 20_000, interval: 200 }).toBe('master');
    const up = await cli(['up', '--spec', spec]);
    expect(up.exitCode, up.stderr).toBe(0);
    expect((await redisCli(16501, ['ROLE'], p.password)).split('\n')[0]).toBe('slave');
    expect(replicaMasters(await redisCli(16500, ['CLUSTER', 'NODES'], p.password)).get('127.0.0.1:16501')).toBe('127.0.0.1:16504');
  });

  it('down leaves no process', async () => {
    const r = await cli(['down', '--spec', spec]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(redisProcessesUnder(p.dir)).toEqual([]);
  });
});
