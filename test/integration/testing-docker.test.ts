/**
 * redis-arc/testing with `runtime: 'docker'`: the same sentinel topology as containers of a
 * compose project of its own (host network, free ports the library picks within 10000-10199),
 * a kill that a replica answers with a promotion, heal, and disposal that leaves nothing in the
 * engine. Skips, saying why, when no engine answers (fails in CI, like the other docker tests).
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sentinel } from '../../src/testing/index.js';
import { localImage, projectLeftovers, removeProject, requireEngineOrSkip } from '../helpers/docker.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/start-and-hang.mjs', import.meta.url));

const engine = await requireEngineOrSkip('testing-docker.test.ts');

describe.skipIf(!engine.ok)('redis-arc/testing on the docker runtime', () => {
  it('sentinel({ runtime: "docker" }): healthy, kill promotes a replica, heal, disposal removes every container', async () => {
    const image = await localImage();
    let project: string;
    {
      await using topo = await sentinel({ runtime: 'docker', image, replicas: 1, sentinels: 3, ports: { from: 10000, to: 10199 } }).start();
      project = topo.started.runtime.topology.name;
      expect(topo.started.runtime.name).toBe('docker');
      expect((await projectLeftovers(project)).containers).toHaveLength(5);
      const c = topo.connection('worker');
      await c.set('k', 'v');
      expect(await c.get('k')).toBe('v');
      const trial = await topo.fail('kill');
      expect(trial.node.role).toBe('master');
      expect(trial.promoteMs).toBeGreaterThan(0);
      expect((await topo.heal({ timeoutMs: 60_000 })).verdict).toBe('healthy');
    }
    expect(await projectLeftovers(project)).toEqual({ containers: [], networks: [], volumes: [] });
  }, 300_000);

  it('kill -9 of the process that started it: the reaper removes its containers, networks and volumes', async () => {
    const child = spawn(process.execPath, [FIXTURE, '10000', '10199', 'docker', await localImage()], { stdio: ['ignore', 'pipe', 'inherit'] });
    let project: string | undefined;
    try {
      const line = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout }).once('line', resolve);
        child.once('exit', (code) => reject(new Error(`the child exited (${code}) before starting the topology`)));
      });
      project = (JSON.parse(line) as { project: string }).project;
      expect((await projectLeftovers(project)).containers).toHaveLength(3);
      child.kill('SIGKILL');
      await expect.poll(() => projectLeftovers(project!), { timeout: 60_000, interval: 500 }).toEqual({ containers: [], networks: [], volumes: [] });
    } finally {
      child.kill('SIGKILL');
      if (project) await removeProject(project); // only if the reaper failed: the test has failed already
    }
  }, 300_000);
});
