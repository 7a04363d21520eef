/**
 * The servers axis on the two fetched servers (Valkey 8.1 and Redis 8.0, Debian 13 packages run
 * from the per-user cache): a Sentinel topology boots, passes smoke, fails over on a killed and on
 * a paused master with every add accounted for; a cluster boots and passes smoke; every result
 * names the server that ran (INFO server_name / valkey_version, not the redis_version Valkey
 * reports for compatibility). Topologies from redis-arc/testing with `server`, on free ports.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkHealth } from '../../src/probe/health.js';
import { runFailoverTest } from '../../src/scenarios/failover/index.js';
import { runSmoke } from '../../src/scenarios/smoke/index.js';
import { cluster, sentinel, type TestTopology } from '../../src/testing/index.js';
import { failoverOptions } from '../helpers/failover-options.js';
import { serverOrSkip } from '../helpers/servers.js';
import { startAll, stopAll } from '../helpers/topology.js';

const SERVERS = [
  { name: 'valkey-8.1', identity: { name: 'valkey', version: '8.1.1' } },
  { name: 'redis-8.0', identity: { name: 'redis', version: '8.0.2' } },
] as const;

// Decided before the suites are declared: a skip must be known when describe runs.
const ready = Object.fromEntries(await Promise.all(SERVERS.map(async (s) => [s.name, await serverOrSkip(import.meta.filename, s.name)] as const)));

describe.each(SERVERS)('on $name', ({ name, identity }) => {
  let topo: { sentinel: TestTopology<'sentinel'>; cluster: TestTopology<'cluster'> } | undefined;
  const started = () => {
    if (!topo) throw new Error('beforeAll started no topologies');
    return topo;
  };

  beforeAll(async () => {
    if (!ready[name]) return;
    const [s, c] = await startAll(sentinel({ server: name, downAfterMs: 1000 }), cluster({ server: name, nodeTimeoutMs: 1000 }));
    topo = { sentinel: s, cluster: c };
  });
  afterAll(() => stopAll(topo?.sentinel, topo?.cluster));

  it.runIf(ready[name])('sentinel: its nodes run this server, and smoke processes every job once', async () => {
    const { sentinel: s } = started();
    // The state file records the binaries every node was started with (a restart runs the same).
    const state: unknown = JSON.parse(readFileSync(join(s.started.dir, '.redis-arc', 'local', 'state.json'), 'utf8'));
    expect(state).toMatchObject({ server: { name } });
    const result = await runSmoke({ target: s.started.target, modes: ['direct'], jobs: 50, timeoutMs: 30_000 });
    expect(result.results[0]?.problems).toEqual([]);
    expect(result).toMatchObject({ ok: true, server: identity });
  });

  it.runIf(ready[name])('sentinel: a killed master fails over, every add accounted for, and the old master rejoins', async () => {
    const { sentinel: s } = started();
    const result = await runFailoverTest(failoverOptions(s.started, {}));
    const [trial] = result.trials;
    expect(trial?.verdict, trial?.notes.join('\n')).toBe('ok');
    expect(trial?.metrics.promote_ms).not.toBeNull();
    expect(trial?.healedMs).not.toBeNull();
    const a = trial?.adds;
    expect(a && a.acked + a.failed + a.indeterminate).toBe(a?.issued);
    expect(a?.lost).toBe(0);
    expect(result.environment?.server).toEqual(identity);
    expect((await checkHealth(s.started.target)).verdict).toBe('healthy');
  });

  it.runIf(ready[name])('sentinel: a paused master fails over and is demoted when it wakes', async () => {
    const { sentinel: s } = started();
    const result = await runFailoverTest(failoverOptions(s.started, { fault: 'pause', pauseMs: 3000 }));
    const [trial] = result.trials;
    expect(trial?.verdict, trial?.notes.join('\n')).toBe('ok');
    expect(trial?.events.map((e) => e.type)).toEqual(expect.arrayContaining(['fault', '+switch-master', 'heal']));
    expect(result.environment?.server).toEqual(identity);
    expect((await checkHealth(s.started.target)).verdict).toBe('healthy');
  });

  it.runIf(ready[name])('cluster: smoke processes every job once', async () => {
    const { cluster: c } = started();
    expect((await checkHealth(c.started.target)).verdict).toBe('healthy');
    const result = await runSmoke({ target: c.started.target, modes: ['direct'], jobs: 50, timeoutMs: 30_000 });
    expect(result.results[0]?.problems).toEqual([]);
    expect(result).toMatchObject({ ok: true, server: identity });
  });
});
