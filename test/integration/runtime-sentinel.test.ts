/**
 * Boots a real sentinel 1+2+3 with the CLI and checks it with redis-cli. Ports 21000-21099.
 * Default down-after (5000 ms): with 1000 ms a sentinel on a loaded CI machine briefly flagged a
 * peer s_down after `up` (CKQUORUM: 2 usable), which is Sentinel flapping, not this test's subject.
 */
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { cliProject } from '../helpers/cli-project.js';
import { isLive, redisProcessesUnder, statePids } from '../helpers/processes.js';
import { redisCli } from '../helpers/redis-cli.js';

const p = cliProject('sentinel', ['--port-base', '21000', '--sentinel-port-base', '21050']);
const { spec } = p;

describe('sentinel 1+2+3 on the local runtime', () => {
  it('up reports healthy, and redis-cli agrees', async () => {
    const up = await cli(['up', '--spec', spec, '--json']);
    expect(up.exitCode, up.stderr).toBe(0);
    const out = JSON.parse(up.stdout);
    expect(out).toMatchObject({ healthy: true, runtime: 'local', started: expect.arrayContaining(['redis-1', 'sentinel-3']) });
    expect(up.stdout).not.toContain(p.password);

    for (const port of [21050, 21051, 21052]) {
      expect(await redisCli(port, ['SENTINEL', 'get-master-addr-by-name', 'mymaster'], p.password)).toBe('127.0.0.1\n21000');
      expect(await redisCli(port, ['SENTINEL', 'ckquorum', 'mymaster'], p.password)).toMatch(/^OK 3 usable Sentinels/);
    }
    for (const port of [21001, 21002]) {
      const info = await redisCli(port, ['INFO', 'replication'], p.password);
      expect(info).toContain('master_link_status:up');
      expect(info).toContain('master_port:21000');
    }
    expect(await redisCli(21000, ['PING'])).toMatch(/NOAUTH/);
  });

  it('status says healthy (exit 0), with every node and sentinel', async () => {
    const r = await cli(['status', '--spec', spec, '--json']);
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.verdict).toBe('healthy');
    expect(report.nodes).toHaveLength(3);
    expect(report.sentinels).toHaveLength(3);
    expect(r.stdout).not.toContain(p.password);
  });

  it('up on a running topology is a no-op that says so', async () => {
    const pids = statePids(p.dir);
    const r = await cli(['up', '--spec', spec]);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain('already running');
    expect(statePids(p.dir)).toEqual(pids);
  });

  it('a killed replica makes status report degraded (exit 1), naming it', async () => {
    process.kill(statePids(p.dir)['redis-3']!, 'SIGKILL');
    const r = await cli(['status', '--spec', spec, '--json']);
    expect(r.exitCode).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.verdict).toBe('degraded');
    expect(report.problems.join('\n')).toContain('redis-3');
  });

  it('up restarts the missing node and the topology is healthy again', async () => {
    const r = await cli(['up', '--spec', spec, '--json']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).started).toEqual(['redis-3']);
  });

  it('logs prints one node’s log, or every node’s with its id in front', async () => {
    const one = await cli(['logs', 'redis-1', '-n', '3', '--spec', spec]);
    expect(one.exitCode, one.stderr).toBe(0);
    expect(one.stdout.trim().split('\n')).toHaveLength(3);
    const all = await cli(['logs', '-n', '2', '--spec', spec]);
    expect(all.stdout).toMatch(/^sentinel-3\s+\| /m);
    expect(all.stdout).toMatch(/^redis-2\s+\| /m);
    expect(all.stdout + one.stdout).not.toContain(p.password);
    const bad = await cli(['logs', 'redis-9', '--spec', spec]);
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toContain("no node 'redis-9'");
  });

  it('down stops every process, and a second down finds nothing to stop', async () => {
    const pids = Object.values(statePids(p.dir));
    expect(pids).toHaveLength(6);
    const r = await cli(['down', '--spec', spec]);
    expect(r.exitCode, r.stderr).toBe(0);
    for (const pid of pids) expect(isLive(pid), `pid ${pid}`).toBe(false);
    expect(redisProcessesUnder(p.dir)).toEqual([]);
    const again = await cli(['down', '--spec', spec]);
    expect(again.exitCode).toBe(0);
    expect(again.stderr).toContain('nothing was running');
  });
});
