/**
 * The docker runtime against a real engine: a 3x1 cluster in host network mode, ports 16600-16605
 * (bus 26600-26605; 19100+ are scenarios-leave-foreign-keys'), project `arc-dk-cluster`, node timeout 2000 ms.
 * up --runtime docker -> redis-cli agrees (cluster_state:ok, 3 masters with a replica each) ->
 * smoke -> kill the master container of shard 1 (failover-test) -> the replica takes over ->
 * down after a "crash" (compose file and state gone) still removes everything by project label.
 * Everything stays on 127.0.0.1. In CI a missing engine fails this file; locally it skips, saying why.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { containerState, dockerProject, projectLeftovers, requireEngineOrSkip } from '../helpers/docker.js';
import { redisCli } from '../helpers/redis-cli.js';

const PROJECT = 'arc-dk-cluster';
const PORTS = [16600, 16601, 16602, 16603, 16604, 16605];
const engine = await requireEngineOrSkip('docker-cluster.test.ts');
const p = dockerProject(engine, {
  name: PROJECT,
  kind: 'cluster',
  args: ['--masters', '3', '--replicas-per-master', '1', '--node-timeout', '2000', '--port-base', '16600'],
});
const { spec } = p;

describe.skipIf(!engine.ok)('cluster 3x1 on the docker runtime (host network)', () => {
  it('up --runtime docker forms the cluster; redis-cli sees cluster_state:ok with 3 masters and 3 replicas', async () => {
    const up = await cli(['up', '--runtime', 'docker', '--spec', spec, '--json']);
    expect(up.exitCode, up.stderr).toBe(0);
    expect(JSON.parse(up.stdout)).toMatchObject({ healthy: true, runtime: 'docker' });
    for (const port of PORTS) expect(await redisCli(port, ['CLUSTER', 'INFO'], p.password)).toContain('cluster_state:ok');
    const nodes = await redisCli(16600, ['CLUSTER', 'NODES'], p.password);
    expect(nodes.match(/\bmaster\b/g)).toHaveLength(3);
    expect(nodes.match(/\bslave\b/g)).toHaveLength(3);
    // Every announced address is loopback: nothing to translate in host mode.
    expect(nodes).not.toMatch(/\b(10|172|192)\.\d+\.\d+\.\d+:/);
  });

  it('smoke passes through the cluster', async () => {
    const smoke = await cli(['smoke', '--spec', spec]);
    expect(smoke.exitCode, smoke.stdout + smoke.stderr).toBe(0);
  });

  it('killing the master container of a shard promotes its replica', async () => {
    const r = await cli([
      'failover-test',
      '--runtime',
      'docker',
      '--trials',
      '1',
      '--rate',
      '50',
      '--warmup',
      '1000',
      '--settle',
      '1000',
      '--spec',
      spec,
      '--json',
    ]);
    expect(r.exitCode, r.stderr).toBe(0);
    const trial = JSON.parse(r.stdout).trials[0];
    expect(trial).toMatchObject({ fault: 'kill', verdict: 'ok' });
    expect(trial.metrics.promote_ms).toBeGreaterThan(0);
    const killed = trial.target.id as string;
    expect(await containerState(PROJECT, killed)).toBe('running');
    const port = PORTS[Number(killed.replace('node-', '')) - 1]!;
    await expect.poll(async () => redisCli(port, ['ROLE'], p.password), { timeout: 20_000, interval: 500 }).toMatch(/^slave/);
    expect(await redisCli(16600, ['CLUSTER', 'INFO'], p.password)).toContain('cluster_state:ok');
  }, 120_000);

  it('down after a crash (no compose file, no state) still removes containers, networks and with --purge volumes', async () => {
    rmSync(join(p.dir, 'docker-compose.yml'));
    rmSync(join(p.dir, '.redis-arc', 'docker.json'));
    const down = await cli(['down', '--purge', '--runtime', 'docker', '--spec', spec, '--json']);
    expect(down.exitCode, down.stderr).toBe(0);
    expect(JSON.parse(down.stdout)).toMatchObject({ stillRunning: [], purged: true, stopped: expect.arrayContaining(['node-1', 'node-6']) });
    expect(await projectLeftovers(PROJECT)).toEqual({ containers: [], networks: [], volumes: [] });
  });
});
