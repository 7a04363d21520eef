/**
 * The docker runtime in bridge network mode against a real engine: sentinel 1+1+3 with fixed
 * container addresses in 172.29.77.0/24 and data/sentinel ports published on 127.0.0.1
 * (19200-19299), project `arc-dk-bridge`; a 3x1 cluster in 172.29.78.0/24, ports 19300-19305
 * (the bus stays inside the engine), project `arc-dk-bridge-c`. Sentinels announce container addresses; the host side
 * (probes, BullMQ, failover-test) must translate them to 127.0.0.1:<published port> (natMap) and
 * never dial them: every CLI run here has a guard preloaded that refuses and records any connect
 * to a private-range address (test/helpers/docker-no-private-dial.mjs).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, tempDir } from '../helpers/cli.js';
import { dockerProject, projectLeftovers, requireEngineOrSkip } from '../helpers/docker.js';
import { redisCli } from '../helpers/redis-cli.js';

const PROJECT = 'arc-dk-bridge';
const CLUSTER_PROJECT = 'arc-dk-bridge-c';
const engine = await requireEngineOrSkip('docker-bridge.test.ts');
const dir = tempDir();
afterAll(() => dir[Symbol.dispose]());
const dialLog = join(dir.path, 'private-dials.log');
const GUARD = resolve(import.meta.dirname, '../helpers/docker-no-private-dial.mjs');
const guarded = { env: { NODE_OPTIONS: `--import ${GUARD}`, REDIS_ARC_DIAL_LOG: dialLog } };
const p = dockerProject(engine, {
  name: PROJECT,
  dir: dir.path,
  kind: 'sentinel',
  args: ['--network', 'bridge', '--replicas', '1', '--down-after', '2000', '--port-base', '19200', '--sentinel-port-base', '19250'],
  subnet: '172.29.77.0/24',
});
const { spec } = p;
const cluster = dockerProject(engine, {
  name: CLUSTER_PROJECT,
  dir: join(dir.path, 'cluster'),
  kind: 'cluster',
  args: ['--network', 'bridge', '--masters', '3', '--replicas-per-master', '1', '--node-timeout', '2000', '--port-base', '19300'],
  subnet: '172.29.78.0/24',
});
const clusterSpec = cluster.spec;

describe.skipIf(!engine.ok)('sentinel 1+1+3 on the docker runtime (bridge network, published ports)', () => {
  it('up is healthy through 127.0.0.1 only; sentinels announce container addresses', async () => {
    const up = await cli(['up', '--runtime', 'docker', '--spec', spec, '--json'], guarded);
    expect(up.exitCode, up.stderr).toBe(0);
    expect(JSON.parse(up.stdout).nodes.every((n: { host: string }) => n.host === '127.0.0.1')).toBe(true);
    // What the sentinels say is an address inside the engine (text only: nobody dials it).
    expect(await redisCli(19250, ['SENTINEL', 'get-master-addr-by-name', 'mymaster'], p.password)).toBe('172.29.77.10\n19200');
    expect(await redisCli(19250, ['SENTINEL', 'ckquorum', 'mymaster'], p.password)).toMatch(/^OK 3 usable Sentinels/);
    expect(await redisCli(19201, ['INFO', 'replication'], p.password)).toContain('master_link_status:up');
  });

  it('status, smoke and a killed master (failover-test) work through natMap', async () => {
    const status = await cli(['status', '--spec', spec, '--json'], guarded);
    expect(status.exitCode, status.stdout + status.stderr).toBe(0);
    const smoke = await cli(['smoke', '--spec', spec], guarded);
    expect(smoke.exitCode, smoke.stdout + smoke.stderr).toBe(0);
    const fo = await cli(['failover-test', '--trials', '1', '--rate', '50', '--warmup', '1000', '--settle', '1000', '--spec', spec, '--json'], guarded);
    expect(fo.exitCode, fo.stderr).toBe(0);
    expect(JSON.parse(fo.stdout).trials[0]).toMatchObject({ fault: 'kill', target: { id: 'redis-1' }, verdict: 'ok' });
    expect(await redisCli(19250, ['SENTINEL', 'get-master-addr-by-name', 'mymaster'], p.password)).toBe('172.29.77.11\n19201');
  }, 120_000);

  it('down --purge removes the containers, the bridge network and the volumes', async () => {
    const down = await cli(['down', '--purge', '--spec', spec], guarded);
    expect(down.exitCode, down.stderr).toBe(0);
    expect(await projectLeftovers(PROJECT)).toEqual({ containers: [], networks: [], volumes: [] });
  });
});

describe.skipIf(!engine.ok)('cluster 3x1 on the docker runtime (bridge network, published ports)', () => {
  it('up and a killed master (failover-test, BullMQ through natMap) work', async () => {
    const up = await cli(['up', '--runtime', 'docker', '--spec', clusterSpec, '--json'], guarded);
    expect(up.exitCode, up.stderr).toBe(0);
    // The nodes announce container addresses (text only: nobody dials them).
    expect(await redisCli(19300, ['CLUSTER', 'NODES'], cluster.password)).toContain('172.29.78.10:19300@29300 myself,master');
    // BullMQ through natMap on a cluster: failover-test's load (the sentinel case runs smoke).
    const fo = await cli(['failover-test', '--trials', '1', '--rate', '50', '--warmup', '1000', '--settle', '1000', '--spec', clusterSpec, '--json'], guarded);
    expect(fo.exitCode, fo.stderr).toBe(0);
    expect(JSON.parse(fo.stdout).trials[0]).toMatchObject({ fault: 'kill', target: { id: expect.stringMatching(/^node-[123]$/) }, verdict: 'ok' });
    const down = await cli(['down', '--purge', '--spec', clusterSpec], guarded);
    expect(down.exitCode, down.stderr).toBe(0);
    expect(await projectLeftovers(CLUSTER_PROJECT)).toEqual({ containers: [], networks: [], volumes: [] });
  }, 180_000);
});

describe.skipIf(!engine.ok)('bridge mode, host side', () => {
  it('no CLI run dialled a private address (the guard was loaded and refused nothing)', () => {
    expect(existsSync(dialLog)).toBe(true);
    expect(readFileSync(dialLog, 'utf8')).toBe('');
  });
});
