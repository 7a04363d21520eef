/**
 * announce: hostnames on the local runtime: nodes announce stable names that they resolve through
 * a hosts file of their own (a private mount namespace), redis-arc's clients map the names
 * themselves, and up, status, smoke, a kill failover-test and doctor work as with addresses.
 * Topologies from redis-arc/testing (announce: 'hostnames'), on free ports.
 */
import { readlinkSync } from 'node:fs';
import { execa } from 'execa';
import { Redis } from 'ioredis';
import { parseAllDocuments } from 'yaml';
import { renderKubernetesFiles } from '../../src/render/kubernetes/files.js';
import { TemplateSet } from '../../src/render/templates.js';
import { waitUntilHealthy } from '../../src/probe/wait.js';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { statePids } from '../helpers/processes.js';
import { cluster, sentinel, type TestTopology } from '../../src/testing/index.js';
import { portsOf, topologiesForFile } from '../helpers/topology.js';

const topo = topologiesForFile({
  sentinel: sentinel({ announce: 'hostnames', downAfterMs: 1000 }),
  cluster: cluster({ announce: 'hostnames', nodeTimeoutMs: 1000 }),
});

/** The port of a node (`redis-1`, `sentinel-2`, `node-4`). */
const portOf = (t: TestTopology, id: string): number => portsOf(t, id)[0];

const admin = (t: TestTopology, port: number) => new Redis({ host: '127.0.0.1', port, password: t.password, lazyConnect: true, maxRetriesPerRequest: 1 });
async function call(t: TestTopology, port: number, ...args: (string | number)[]): Promise<unknown> {
  const c = admin(t, port);
  try {
    return await c.call(String(args[0]), ...args.slice(1));
  } finally {
    c.disconnect();
  }
}

/** Every node runs in a mount namespace of its own, (whose /etc/hosts is ours). */
function expectOwnHosts(t: TestTopology): void {
  const ours = readlinkSync('/proc/self/ns/mnt');
  const pids = Object.values(statePids(t.dir));
  expect(pids.length).toBe(t.nodes.length);
  for (const pid of pids) expect(readlinkSync(`/proc/${pid}/ns/mnt`)).not.toBe(ours);
}

async function cliOk(args: string[]): Promise<string> {
  const r = await cli(args);
  expect(r.exitCode, `${args.join(' ')}\n${r.stdout}\n${r.stderr}`).toBe(0);
  return r.stdout;
}

describe('sentinel in hostname mode', () => {
  it('announces names, passes status, smoke and a kill failover-test, and the killed master comes back under its name', async () => {
    const t = topo.sentinel;
    const spec = t.started.project.specFile;
    expectOwnHosts(t);
    expect(await call(t, portOf(t, 'sentinel-1'), 'SENTINEL', 'GET-MASTER-ADDR-BY-NAME', 'mymaster')).toEqual([
      'redis-1.arc.internal',
      String(portOf(t, 'redis-1')),
    ]);
    expect(JSON.parse(await cliOk(['status', '--spec', spec, '--json'])).verdict).toBe('healthy');
    await cliOk(['smoke', '--spec', spec]);
    const run = JSON.parse(await cliOk(['failover-test', '--spec', spec, '--fault', 'kill', '--warmup', '500', '--settle', '500', '--json']));
    expect(run.trials[0].verdict, run.trials[0].notes.join('\n')).toBe('ok');
    const [host] = (await call(t, portOf(t, 'sentinel-1'), 'SENTINEL', 'GET-MASTER-ADDR-BY-NAME', 'mymaster')) as string[];
    expect(host).toMatch(/^redis-[23]\.arc\.internal$/);
    // The killed master was restarted (heal): it is a replica again, known by its name, not an address.
    const replicas = String(await call(t, portOf(t, host === 'redis-2.arc.internal' ? 'redis-2' : 'redis-3'), 'INFO', 'replication'));
    expect(replicas).toContain(`ip=redis-1.arc.internal,port=${portOf(t, 'redis-1')},state=online`);
    expectOwnHosts(t);
    expect(JSON.parse(await cliOk(['status', '--spec', spec, '--json'])).verdict).toBe('healthy');
  });

  it('doctor finds nothing to say about names, and reports a sentinel that cannot resolve them', async () => {
    const t = topo.sentinel;
    const spec = t.started.project.specFile;
    const clean = JSON.parse((await cli(['doctor', '--spec', spec, '--json'])).stdout);
    expect(clean.findings.filter((f: { rule: string }) => f.rule === 'announce-hostnames')).toEqual([]);
    await call(t, portOf(t, 'sentinel-2'), 'SENTINEL', 'CONFIG', 'SET', 'resolve-hostnames', 'no');
    try {
      const r = await cli(['doctor', '--spec', spec, '--json']);
      const found = JSON.parse(r.stdout).findings.filter((f: { rule: string }) => f.rule === 'announce-hostnames');
      expect(found).toEqual([
        expect.objectContaining({ severity: 'error', path: 'resolve-hostnames', nodes: [`sentinel-2 127.0.0.1:${portOf(t, 'sentinel-2')}`] }),
      ]);
      expect(r.exitCode).toBe(1);
    } finally {
      await call(t, portOf(t, 'sentinel-2'), 'SENTINEL', 'CONFIG', 'SET', 'resolve-hostnames', 'yes');
    }
  });
});

/**
 * The readiness script the Kubernetes manifests run (rendered from this very spec: pods listen on
 * its first data and sentinel ports, which are redis-1's and sentinel-1's here), run against the
 * live nodes. What it cannot show here: the pod paths, TLS flags, and every pod on one port.
 */
async function ready(t: TestTopology, role: string): Promise<number> {
  const files = renderKubernetesFiles(new TemplateSet(), t.started.project.topology, { password: t.password });
  const docs = parseAllDocuments(files.find((f) => f.path === 'manifests.yaml')!.content).map((d) => d.toJS());
  const script = docs.find((d) => d.metadata.name === 'arc-scripts').data['ready.sh'] as string;
  const r = await execa('sh', ['-c', script, 'ready.sh', role], { reject: false, env: { REDISCLI_AUTH: t.password ?? '' } });
  return r.exitCode ?? -1;
}

describe('the Kubernetes readiness script against live nodes', () => {
  it('a replica is ready while its link is up and not once it is down; a sentinel while it has its quorum', async () => {
    const t = topo.sentinel;
    expect(await ready(t, 'sentinel')).toBe(0);
    const [host, port] = (await call(t, portOf(t, 'sentinel-1'), 'SENTINEL', 'GET-MASTER-ADDR-BY-NAME', 'mymaster')) as string[];
    const masterPort = Number(port);
    // redis-1's port is the one every data pod listens on; here it is redis-1, a master or (after the failover above) a replica.
    expect(await ready(t, 'data')).toBe(0);
    if (masterPort === portOf(t, 'redis-1')) return;
    await call(t, portOf(t, 'redis-1'), 'REPLICAOF', '127.0.0.1', 1);
    try {
      expect(await ready(t, 'data')).toBe(1);
    } finally {
      await call(t, portOf(t, 'redis-1'), 'REPLICAOF', host!, masterPort);
    }
  });
});

describe('attached to names this machine cannot resolve (as through kubectl port-forward)', () => {
  it('status fails without --map and is healthy with it; smoke runs through the map', async () => {
    const t = topo.sentinel;
    // The tests above failed the master over and re-pointed a replica: the sentinels settle first.
    await waitUntilHealthy(t.started.target, { timeoutMs: 30_000 });
    const attach = ['--sentinel', t.sentinels.map((s) => `${s.host}:${s.port}`).join(','), '--password-file', t.started.project.passwordFile];
    const unmapped = await cli(['status', ...attach, '--json']);
    expect(unmapped.exitCode).not.toBe(0);
    const map = t.started.project.topology.nodes.map((n) => `${n.announceIp}:${n.port}=127.0.0.1:${n.port}`).join(',');
    expect(JSON.parse(await cliOk(['status', ...attach, '--map', map, '--json'])).verdict).toBe('healthy');
    await cliOk(['smoke', ...attach, '--map', map]);
    const bad = await cli(['status', ...attach, '--map', `redis-1.arc.internal:${portOf(t, 'redis-1')}`]);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain(`--map 'redis-1.arc.internal:${portOf(t, 'redis-1')}': expected announced-host:port=reached-host:port`);
  });
});

describe('cluster in hostname mode', () => {
  it('sends clients names, passes status, smoke and a kill failover-test, and the killed master rejoins under its name', async () => {
    const t = topo.cluster;
    const spec = t.started.project.specFile;
    expectOwnHosts(t);
    const slots = (await call(t, portOf(t, 'node-1'), 'CLUSTER', 'SLOTS')) as [number, number, [string, number]][];
    expect(slots.map((s) => s[2][0]).sort()).toEqual(['node-1.arc.internal', 'node-2.arc.internal', 'node-3.arc.internal']);
    expect(JSON.parse(await cliOk(['status', '--spec', spec, '--json'])).verdict).toBe('healthy');
    await cliOk(['smoke', '--spec', spec]);
    const run = JSON.parse(await cliOk(['failover-test', '--spec', spec, '--fault', 'kill', '--warmup', '500', '--settle', '500', '--json']));
    expect(run.trials[0].verdict, run.trials[0].notes.join('\n')).toBe('ok');
    const target = String(run.trials[0].target?.id ?? run.trials[0].target);
    const nodes = String(await call(t, portOf(t, 'node-1'), 'CLUSTER', 'NODES'));
    // Every node, the restarted one included, is known by its name.
    for (let i = 1; i <= 6; i++) expect(nodes, target).toMatch(new RegExp(`,node-${i}\\.arc\\.internal (?:myself,)?(?:master|slave)`));
    expect(JSON.parse(await cliOk(['status', '--spec', spec, '--json'])).verdict).toBe('healthy');
  });

  it('the Kubernetes readiness script calls a node ready once cluster_state is ok', async () => {
    expect(await ready(topo.cluster, 'cluster')).toBe(0);
  });

  it('doctor reports a node that would send clients "?" instead of a name', async () => {
    const t = topo.cluster;
    const spec = t.started.project.specFile;
    const clean = JSON.parse((await cli(['doctor', '--spec', spec, '--json'])).stdout);
    expect(clean.findings.filter((f: { rule: string }) => f.rule === 'announce-hostnames')).toEqual([]);
    await call(t, portOf(t, 'node-4'), 'CONFIG', 'SET', 'cluster-announce-hostname', '');
    try {
      const r = await cli(['doctor', '--spec', spec, '--json']);
      const found = JSON.parse(r.stdout).findings.filter((f: { rule: string }) => f.rule === 'announce-hostnames');
      expect(found).toEqual([
        expect.objectContaining({ severity: 'error', path: 'cluster-announce-hostname', nodes: [`node-4 127.0.0.1:${portOf(t, 'node-4')}`] }),
      ]);
    } finally {
      await call(t, portOf(t, 'node-4'), 'CONFIG', 'SET', 'cluster-announce-hostname', 'node-4.arc.internal');
    }
  });
});
