/**
 * The docker runtime against a real engine (podman's Docker API from scripts/engine.sh, or Docker):
 * sentinel 1+1+3 in host network mode, ports 19000-19099, project `arc-dk-sentinel`.
 * init -> up --runtime docker -> redis-cli agrees -> smoke -> kill the master container (failover-test)
 * -> down leaves no container, network or volume (down --keep-volumes keeps the volumes).
 * Everything stays on 127.0.0.1. In CI a missing engine fails this file; locally it skips, saying why.
 */
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { cli, expectNoStackTrace, tempDir } from '../helpers/cli.js';
import { containerState, dockerProject, projectLeftovers, requireEngineOrSkip } from '../helpers/docker.js';
import { redisCli } from '../helpers/redis-cli.js';

const PROJECT = 'arc-dk-sentinel';
const engine = await requireEngineOrSkip('docker-sentinel.test.ts');
const p = dockerProject(engine, {
  name: PROJECT,
  kind: 'sentinel',
  args: ['--replicas', '1', '--down-after', '2000', '--port-base', '19000', '--sentinel-port-base', '19050'],
});
const { spec } = p;

describe.skipIf(!engine.ok)('sentinel 1+1+3 on the docker runtime (host network)', () => {
  it('up --runtime docker reports healthy, and redis-cli agrees', async () => {
    const up = await cli(['up', '--runtime', 'docker', '--spec', spec, '--json']);
    expect(up.exitCode, up.stderr).toBe(0);
    expect(JSON.parse(up.stdout)).toMatchObject({ healthy: true, runtime: 'docker', started: expect.arrayContaining(['redis-1', 'redis-2', 'sentinel-3']) });
    for (const port of [19050, 19051, 19052]) {
      expect(await redisCli(port, ['SENTINEL', 'get-master-addr-by-name', 'mymaster'], p.password)).toBe('127.0.0.1\n19000');
      expect(await redisCli(port, ['SENTINEL', 'ckquorum', 'mymaster'], p.password)).toMatch(/^OK 3 usable Sentinels/);
    }
    const info = await redisCli(19001, ['INFO', 'replication'], p.password);
    expect(info).toContain('master_link_status:up');
    expect(await redisCli(19000, ['PING'])).toMatch(/NOAUTH/);
    expect(await containerState(PROJECT, 'redis-1')).toBe('running');
  });

  it('without compose on PATH, up says which to install, in one line', async () => {
    using bin = tempDir('redis-arc-path-');
    for (const tool of ['node', 'docker']) {
      const found = await execa('sh', ['-c', `command -v ${tool}`]);
      symlinkSync(String(found.stdout).trim(), join(bin.path, tool));
    }
    const r = await cli(['up', '--runtime', 'docker', '--spec', spec], { env: { PATH: bin.path } });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('neither `docker compose` (the v2 plugin) nor `docker-compose` (v1) is installed');
    expectNoStackTrace(r.stderr);
  });

  it('status (auto runtime) and smoke pass against the containers', async () => {
    const status = await cli(['status', '--spec', spec, '--json']);
    expect(status.exitCode, status.stdout + status.stderr).toBe(0);
    expect(JSON.parse(status.stdout).verdict).toBe('healthy');
    const smoke = await cli(['smoke', '--spec', spec]);
    expect(smoke.exitCode, smoke.stdout + smoke.stderr).toBe(0);
  });

  it('logs reads the container logs', async () => {
    const r = await cli(['logs', 'sentinel-1', '-n', '50', '--spec', spec]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/\+monitor master mymaster 127\.0\.0\.1 19000/);
  });

  it('killing the master container (failover-test --runtime docker) promotes the replica; workloads run there too', async () => {
    const r = await cli([
      'failover-test',
      '--runtime',
      'docker',
      '--workload',
      'delayed,flow',
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
    const result = JSON.parse(r.stdout);
    expect(result.trials[0]).toMatchObject({ fault: 'kill', target: { id: 'redis-1' }, verdict: 'ok' });
    expect(result.trials[0].metrics.promote_ms).toBeGreaterThan(0);
    expect(result.trials[0].adds.lost).toBe(0);
    expect(result.trials[0].workloads.map((w: { workload: string }) => w.workload)).toEqual(['delayed', 'flow']);
    for (const w of result.trials[0].workloads) expect(w.problems.filter((p: { kind: string }) => p.kind === 'stuck')).toEqual([]);
    // Independent witnesses: the sentinels name the promoted replica; the killed node is back as a replica.
    expect(await redisCli(19050, ['SENTINEL', 'get-master-addr-by-name', 'mymaster'], p.password)).toBe('127.0.0.1\n19001');
    expect(await containerState(PROJECT, 'redis-1')).toBe('running');
    await expect.poll(async () => redisCli(19000, ['ROLE'], p.password), { timeout: 20_000, interval: 500 }).toMatch(/^slave/);
  }, 120_000);

  it('a missing image is one clear line that names it and how to build it', async () => {
    const r = await cli(['up', '--runtime', 'docker', '--image', 'localhost/redis-arc-missing:1', '--spec', spec]);
    // Everything runs already, so nothing needs the image: stop one node to make up start it.
    expect(r.exitCode).toBe(0);
    await cli(['down', '--keep-volumes', '--spec', spec]);
    const missing = await cli(['up', '--runtime', 'docker', '--image', 'localhost/redis-arc-missing:1', '--spec', spec]);
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toContain('image localhost/redis-arc-missing:1 is not in the engine');
    expect(missing.stderr).toContain('redis-arc image build-local');
    expectNoStackTrace(missing.stderr);
  });

  it('down --keep-volumes keeps only the volumes; down (auto runtime) then leaves no container, network or volume', async () => {
    const up = await cli(['up', '--spec', spec]);
    expect(up.exitCode, up.stderr).toBe(0);
    const keep = await cli(['down', '--keep-volumes', '--spec', spec, '--json']);
    expect(keep.exitCode, keep.stderr).toBe(0);
    expect(JSON.parse(keep.stdout)).toMatchObject({ stillRunning: [], purged: false, stopped: expect.arrayContaining(['redis-1', 'sentinel-3']) });
    let left = await projectLeftovers(PROJECT);
    expect(left.containers).toEqual([]);
    expect(left.networks).toEqual([]);
    expect(left.volumes.length).toBe(5);
    const down = await cli(['down', '--spec', spec, '--json']);
    expect(down.exitCode, down.stderr).toBe(0);
    expect(JSON.parse(down.stdout)).toMatchObject({ purged: true });
    left = await projectLeftovers(PROJECT);
    expect(left).toEqual({ containers: [], networks: [], volumes: [] });
  });
});

describe('docker runtime without an engine', () => {
  it('says how to start one, or to use --runtime local, in one line', async () => {
    using d = tempDir();
    const init = await cli(['init', 'standalone', '--dir', d.path, '--port-base', '19090']);
    expect(init.exitCode, init.stderr).toBe(0);
    const r = await cli(['up', '--runtime', 'docker', '--spec', join(d.path, 'redis-arc.yaml')], {
      env: { DOCKER_HOST: 'unix:///nonexistent/redis-arc.sock' },
    });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/no container engine answers at unix:\/\/\/nonexistent\/redis-arc\.sock/);
    expect(r.stderr).toContain('--runtime local');
    expectNoStackTrace(r.stderr);
  });
});
