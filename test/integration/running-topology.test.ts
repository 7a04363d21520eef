/**
 * One running-topology value: a topology started in-process and the same one opened as a
 * command opens it (from its spec, or by address) hold the same target and credentials, and
 * disposal stops only what was started. Ports 15000-15099.
 */
import { existsSync, readdirSync } from 'node:fs';
import { createConnection, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { openTopology } from '../../src/cli/target.js';
import { checkHealth } from '../../src/probe/health.js';
import { startTopology } from '../../src/project/start.js';
import { redisProcessesUnder } from '../helpers/processes.js';

describe('a started topology', () => {
  it('is healthy through its target, and `await using` stops its nodes and removes its folder', async () => {
    let dir: string;
    {
      await using topo = await startTopology('standalone', { portBase: 15000 });
      dir = topo.dir;
      expect(topo.runtime.name).toBe('local');
      expect(topo.project.dir).toBe(dir);
      expect((await checkHealth(topo.target)).verdict).toBe('healthy');
      expect(redisProcessesUnder(dir)).toHaveLength(1);
    }
    expect(redisProcessesUnder(dir)).toEqual([]);
    expect(existsSync(dir)).toBe(false);
  });

  it('opened from its spec or by address, is the same target and credentials; disposing of those leaves it running', async () => {
    await using topo = await startTopology('sentinel', { portBase: 15010, sentinelPortBase: 15020, replicas: 1, sentinels: 1, acl: true });
    const password = topo.credentials.password!;
    expect(password).toMatch(/^\S{20,}$/);
    expect(topo.credentials.app?.username).toBeTruthy();

    {
      await using fromSpec = await openTopology({ spec: topo.project.specFile }, { runtime: true, bullmq: true });
      expect(fromSpec.target).toEqual(topo.target);
      expect(fromSpec.credentials).toEqual(topo.credentials);
      expect(fromSpec.project?.specFile).toBe(topo.project.specFile);
      expect(fromSpec.runtime?.name).toBe('local');
    }
    {
      await using byAddress = await openTopology({ sentinel: '127.0.0.1:15020', masterName: 'mymaster', password });
      expect(byAddress.runtime).toBeUndefined();
      expect(byAddress.project).toBeUndefined();
      expect(byAddress.credentials).toEqual({ password });
      expect((await checkHealth(byAddress.target)).verdict).toBe('healthy');
    }
    // Neither command-style disposal stopped anything.
    expect((await checkHealth(topo.target)).verdict).toBe('healthy');
    expect(redisProcessesUnder(topo.dir)).toHaveLength(3);
  });

  it('that fails to start leaves nothing running and no folder behind', async () => {
    // Something else holds a replica's port: the start is refused, naming it.
    const squatter: Server = createServer();
    await new Promise<void>((resolve) => squatter.listen(15031, '127.0.0.1', resolve));
    try {
      const err = await startTopology('sentinel', {
        portBase: 15030,
        sentinelPortBase: 15040,
        replicas: 1,
        sentinels: 1,
        dirPrefix: 'redis-arc-running-fail-',
      }).catch((e: Error) => e);
      expect(err).toBeInstanceOf(Error);
      expect((err as Error).message).toContain('15031');
    } finally {
      squatter.close();
    }
    expect(readdirSync(tmpdir()).filter((n) => n.startsWith('redis-arc-running-fail-'))).toEqual([]);
    expect(await listening(15030)).toBe(false);
  });
});

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}
