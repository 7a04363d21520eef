/**
 * Bad input across every command, as a user types it: one clear line saying what is wrong and
 * how to fix it, the right exit code, no stack trace, nothing started, nothing overwritten.
 * Ports 21700-21799.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { createServer, type Server } from 'node:net';
import { join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/errors/index.js';
import { BIN, cli, expectNoStackTrace, tempDir } from '../helpers/cli.js';
import { redisProcessesUnder } from '../helpers/processes.js';
import { redisCli } from '../helpers/redis-cli.js';

const PASSWORD_PORT = 21700; // a standalone redis-server with a password
const CLUSTER_PORT = 21701; // a cluster-enabled node (not a sentinel)
const BUSY_PORT = 21710; // something else listens here
const CLOSING_PORT = 21711; // accepts connections and closes them at once
const FREE_PORT = 21799; // nothing listens here

interface Case {
  name: string;
  args: string[];
  /** Files to write into the case's folder first; `spec` is redis-arc.yaml. */
  files?: Record<string, string>;
  /** Start from `redis-arc init <kind>` output (files above then edit it). */
  init?: 'standalone' | 'sentinel' | 'cluster';
  env?: Record<string, string>;
  exit: number;
  line: RegExp;
}

const SPEC = (body: string) => ({ 'redis-arc.yaml': body });
const sentinelSpec = (extra = '') => `kind: sentinel\nports:\n  base: 21720\n  sentinelBase: 21730\n${extra}`;

const CASES: Case[] = [
  // init
  {
    name: 'init: unknown kind',
    args: ['init', 'galaxy'],
    exit: 2,
    line: /'galaxy' is invalid for argument 'kind'\. Allowed choices are standalone, sentinel, cluster/,
  },
  { name: 'init: spec already there', init: 'sentinel', args: ['init', 'cluster'], exit: 1, line: /refusing to overwrite .*redis-arc\.yaml.*pass --force/ },
  { name: 'init: privileged port', args: ['init', 'sentinel', '--port-base', '80'], exit: 2, line: /--port-base.*80 is out of range \(1024-65535\)/ },
  { name: 'init: port above 65535', args: ['init', 'standalone', '--port-base', '70000'], exit: 2, line: /out of range/ },
  { name: 'init: port not a number', args: ['init', 'standalone', '--port-base', 'six'], exit: 2, line: /expected a whole number, got 'six'/ },
  {
    name: 'init: sentinel flag on a cluster',
    args: ['init', 'cluster', '--sentinels', '3'],
    exit: 2,
    line: /--sentinels applies to sentinel topologies, not cluster/,
  },
  {
    name: 'init: quorum above sentinels',
    args: ['init', 'sentinel', '--sentinels', '3', '--quorum', '4'],
    exit: 2,
    line: /^redis-arc: sentinel\.quorum: 4 is more than sentinels \(3\) \(check the flags\)$/,
  },
  {
    name: 'init: unknown network mode',
    args: ['init', 'sentinel', '--network', 'overlay'],
    exit: 2,
    line: /'overlay' is invalid\. Allowed choices are host, bridge/,
  },
  {
    name: 'init: uppercase name',
    args: ['init', 'sentinel', '--name', 'MyQueues'],
    exit: 2,
    line: /^redis-arc: name: 'MyQueues': expected lowercase.*\(check the flags\)$/,
  },
  // the spec: YAML and schema, through render, doctor, up, status
  {
    name: 'render: YAML syntax error, with its line',
    files: SPEC('kind: sentinel\nports:\n  base: 21720\n   sentinelBase: 21730\n'),
    args: ['render'],
    exit: 1,
    line: /redis-arc\.yaml:3:\d+: YAML syntax error/,
  },
  {
    name: 'render: tab indentation',
    files: SPEC('kind: sentinel\nsentinel:\n\treplicas: 2\n'),
    args: ['render'],
    exit: 1,
    line: /redis-arc\.yaml:3:1: YAML syntax error: Tabs are not allowed as indentation/,
  },
  {
    name: 'render: wrong type, with its path and line',
    files: SPEC(sentinelSpec('sentinel:\n  replicas: two\n')),
    args: ['render'],
    exit: 1,
    line: /redis-arc\.yaml:6: sentinel\.replicas: .*number/,
  },
  {
    name: 'render: unknown key gets a did-you-mean',
    files: SPEC(sentinelSpec('sentinal:\n  replicas: 2\n')),
    args: ['render'],
    exit: 1,
    line: /redis-arc\.yaml:5: .*sentinal.*did you mean 'sentinel'/,
  },
  {
    name: 'render: kind missing',
    files: SPEC('name: arc\n'),
    args: ['render'],
    exit: 1,
    line: /redis-arc\.yaml:1: kind: is required: one of standalone, sentinel, cluster/,
  },
  {
    name: 'render: empty spec',
    files: SPEC(''),
    args: ['render'],
    exit: 1,
    line: /redis-arc\.yaml: the spec is empty; it needs at least `kind: standalone \| sentinel \| cluster`/,
  },
  {
    name: 'render: impossible quorum',
    files: SPEC(sentinelSpec('sentinel:\n  sentinels: 3\n  quorum: 4\n')),
    args: ['render'],
    exit: 1,
    line: /redis-arc\.yaml:7: sentinel\.quorum: 4 is more than sentinels \(3\)/,
  },
  {
    name: 'render: a cluster of no masters',
    files: SPEC('kind: cluster\ncluster:\n  masters: 0\n'),
    args: ['render'],
    exit: 1,
    line: /redis-arc\.yaml:3: cluster\.masters: 0 is less than the minimum 1/,
  },
  {
    name: 'render: privileged port in the spec',
    files: SPEC('kind: standalone\nports:\n  base: 80\n'),
    args: ['render'],
    exit: 1,
    line: /redis-arc\.yaml:3: ports\.base: 80 is less than the minimum 1024/,
  },
  {
    name: 'render: overlapping port ranges',
    files: SPEC(sentinelSpec().replace('21730', '21721')),
    args: ['render'],
    exit: 1,
    line: /redis-arc\.yaml:4: ports\.sentinelBase: sentinel ports 21721-21723 overlap data ports 21720-21722/,
  },
  {
    name: 'render: maxmemory that is not a size',
    files: SPEC('kind: standalone\npersistence:\n  maxmemory: lots\n'),
    args: ['render'],
    exit: 1,
    line: /persistence\.maxmemory: 'lots': expected a size like 512mb/,
  },
  {
    name: 'render: misspelt eviction policy',
    files: SPEC('kind: standalone\npersistence:\n  maxmemoryPolicy: no-eviction\n'),
    args: ['render'],
    exit: 1,
    line: /persistence\.maxmemoryPolicy: .*noeviction/,
  },
  {
    name: 'render: a hand-edited file is kept',
    init: 'standalone',
    files: { 'conf/redis-1.conf': '# mine\n' },
    args: ['render'],
    exit: 1,
    line: /refusing to overwrite .*redis-1\.conf.*--force/,
  },
  { name: 'render: the spec does not exist', args: ['render', '--spec', 'nope.yaml'], exit: 1, line: /nope\.yaml.*(not found|no such|does not exist).*init/i },
  {
    name: 'render: the spec is a folder',
    files: { 'dir.yaml/x': '' },
    args: ['render', '--spec', 'dir.yaml'],
    exit: 1,
    line: /dir\.yaml: is a folder; pass the spec file itself, e\.g\. --spec .*dir\.yaml\/redis-arc\.yaml/,
  },
  { name: 'doctor: YAML error', files: SPEC('kind: [sentinel\n'), args: ['doctor'], exit: 1, line: /redis-arc\.yaml:\d+:\d+: YAML syntax error/ },
  { name: 'up: no spec here', args: ['up'], exit: 1, line: /redis-arc\.yaml.*init/ },
  {
    name: 'status: wrong type in the spec',
    files: SPEC('kind: standalone\nauth:\n  enabled: maybe\n'),
    args: ['status'],
    exit: 1,
    line: /redis-arc\.yaml:3: auth\.enabled: expected true or false, got 'maybe'/,
  },
  // up: the machine
  {
    name: 'up: a port in use',
    files: SPEC(`kind: standalone\nauth:\n  enabled: false\nports:\n  base: ${BUSY_PORT}\n`),
    args: ['up'],
    exit: 1,
    line: new RegExp(`port ${BUSY_PORT} \\(redis-1\\) is already in use`),
  },
  {
    name: 'up: redis-server not installed',
    init: 'standalone',
    env: { PATH: 'NODE_ONLY' },
    args: ['up'],
    exit: 1,
    line: /redis-server not found on PATH; install it: sudo apt-get install -y redis-server/,
  },
  { name: 'up: timeout out of range', init: 'standalone', args: ['up', '--timeout', '0'], exit: 2, line: /--timeout.*out of range/ },
  {
    name: 'up: unknown runtime',
    init: 'standalone',
    args: ['up', '--runtime', 'k8s'],
    exit: 2,
    line: /'k8s' is invalid\. Allowed choices are auto, local, docker/,
  },
  // attach: addresses and passwords
  {
    name: 'smoke: unreachable attach address',
    args: ['smoke', '--url', `redis://127.0.0.1:${FREE_PORT}`],
    exit: EXIT.unreachable,
    line: /the standalone topology is down, nothing to smoke-test: 127\.0\.0\.1:21799: unreachable \(connect ECONNREFUSED/,
  },
  {
    name: 'status: a URL password with a stray %',
    args: ['status', '--url', `redis://:50%zz@127.0.0.1:${FREE_PORT}`],
    exit: 2,
    line: /^redis-arc: --url redis:\/\/\*\*\*@127\.0\.0\.1:21799: the password is not valid percent-encoding; write % as %25, or use --password-file$/,
  },
  {
    name: 'status: not a redis:// URL',
    args: ['status', '--url', 'http://127.0.0.1:6379'],
    exit: 2,
    line: /--url http:\/\/127\.0\.0\.1:6379: expected a redis:\/\/ or rediss:\/\/ \(TLS\) URL/,
  },
  { name: 'status: sentinel address without a port', args: ['status', '--sentinel', '127.0.0.1'], exit: 2, line: /127\.0\.0\.1.*host:port/ },
  {
    name: 'status: wrong password',
    args: ['status', '--url', `redis://127.0.0.1:${PASSWORD_PORT}`, '--password', 'wrong-one'],
    exit: EXIT.unreachable,
    line: /authentication failed \(WRONGPASS.*check the password/,
  },
  {
    name: 'status: no password where one is needed',
    args: ['status', '--url', `redis://127.0.0.1:${PASSWORD_PORT}`],
    exit: EXIT.unreachable,
    line: /authentication failed \(NOAUTH.*--password-file FILE, \$REDIS_PASSWORD/,
  },
  {
    name: 'status: a cluster node given as a sentinel',
    args: ['status', '--sentinel', `127.0.0.1:${CLUSTER_PORT}`],
    exit: 2,
    line: new RegExp(`127\\.0\\.0\\.1:${CLUSTER_PORT} is a cluster node, not a sentinel; use --cluster 127\\.0\\.0\\.1:${CLUSTER_PORT}`),
  },
  {
    name: 'status: password file missing',
    args: ['status', '--url', `redis://127.0.0.1:${PASSWORD_PORT}`, '--password-file', 'missing.txt'],
    exit: 2,
    line: /--password-file missing\.txt: cannot read it/,
  },
  { name: 'status: max-lag negative', init: 'standalone', args: ['status', '--max-lag', '-1'], exit: 2, line: /out of range/ },
  {
    name: 'status: attach flags that conflict',
    args: ['status', '--sentinel', '127.0.0.1:1', '--cluster', '127.0.0.1:2'],
    exit: 2,
    line: /cannot be used with/,
  },
  // compare: nothing is started before its input is checked
  {
    name: 'compare: unknown topology',
    args: ['compare', 'sentinel', 'mesh'],
    exit: 2,
    line: /^redis-arc: unknown topology 'mesh': expected some of sentinel, cluster, standalone$/,
  },
  { name: 'compare: a topology twice', args: ['compare', 'cluster', 'cluster'], exit: 2, line: /a topology is named twice: cluster cluster/ },
  { name: 'compare: a control character in a topology name', args: ['compare', 'clu\x1bster'], exit: 2, line: /unknown topology 'clu\\ester'/ },
  { name: 'compare: zero trials', args: ['compare', '--trials', '0'], exit: 2, line: /--trials.*out of range/ },
  { name: 'compare: one queue', args: ['compare', '--queues', '1'], exit: 2, line: /--queues.*out of range \(2-64\)/ },
  { name: 'compare: down-after not a number', args: ['compare', '--down-after', '5s'], exit: 2, line: /--down-after.*expected a whole number, got '5s'/ },
  // smoke, failover-test, bench, logs, down: flags
  { name: 'smoke: zero jobs', init: 'standalone', args: ['smoke', '--jobs', '0'], exit: 2, line: /--jobs.*out of range/ },
  { name: 'smoke: unknown mode', init: 'standalone', args: ['smoke', '--mode', 'turbo'], exit: 2, line: /'turbo' is invalid/ },
  {
    name: 'smoke: a standalone node given as a cluster',
    args: ['smoke', '--cluster', `127.0.0.1:${PASSWORD_PORT}`, '--password', 'pw-21700'],
    exit: 2,
    line: /127\.0\.0\.1:21700 is a standalone Redis, not a cluster node; use --url redis:\/\/127\.0\.0\.1:21700/,
  },
  { name: 'failover-test: zero trials', init: 'sentinel', args: ['failover-test', '--trials', '0'], exit: 2, line: /--trials.*out of range/ },
  { name: 'failover-test: unknown fault', init: 'sentinel', args: ['failover-test', '--fault', 'meteor'], exit: 2, line: /'meteor' is invalid/ },
  { name: 'failover-test: zero rate', init: 'sentinel', args: ['failover-test', '--rate', '0'], exit: 2, line: /--rate.*out of range/ },
  {
    name: 'failover-test: unknown workload',
    init: 'sentinel',
    args: ['failover-test', '--workload', 'cron'],
    exit: 2,
    line: /--workload: unknown workload cron; choose from jobs, scheduler/,
  },
  {
    name: 'failover-test: empty workload entry',
    init: 'sentinel',
    args: ['failover-test', '--workload', 'flow,,delayed'],
    exit: 2,
    line: /--workload flow,,delayed has an empty entry/,
  },
  { name: 'smoke: workload module missing', init: 'standalone', args: ['smoke', '--workload', './nope.mjs'], exit: 2, line: /--workload .*nope\.mjs/ },
  { name: 'failover-test: zero long-ms', init: 'sentinel', args: ['failover-test', '--long-ms', '0'], exit: 2, line: /--long-ms.*out of range/ },
  {
    name: 'failover-test: a standalone attached',
    args: ['failover-test', '--url', `redis://127.0.0.1:${PASSWORD_PORT}`, '--password', 'pw-21700'],
    exit: EXIT.cannotRun,
    line: /failover-test needs a sentinel or cluster topology: a standalone node has nothing to fail over to/,
  },
  {
    name: 'failover-test: nothing running',
    init: 'sentinel',
    args: ['failover-test'],
    exit: EXIT.unreachable,
    line: /the topology is down, not healthy: sentinel-1 127\.0\.0\.1:21760: unreachable .*run `redis-arc status`/,
  },
  { name: 'bench: unknown scenario', init: 'standalone', args: ['bench', '--scenario', 'warp'], exit: 2, line: /--scenario warp: expected some of/ },
  {
    name: 'bench: baseline file missing',
    init: 'standalone',
    args: ['bench', '--baseline', 'base.json'],
    exit: 1,
    line: /--baseline base\.json: cannot read it/,
  },
  {
    name: 'bench: baseline is JSON null',
    init: 'standalone',
    files: { 'base.json': 'null' },
    args: ['bench', '--baseline', 'base.json'],
    exit: 1,
    line: /^redis-arc: --baseline base\.json: not a redis-arc bench result/,
  },
  {
    name: 'bench: baseline not bench JSON',
    init: 'standalone',
    files: { 'base.json': '{"hello": 1}' },
    args: ['bench', '--baseline', 'base.json'],
    exit: 1,
    line: /--baseline base\.json: not a redis-arc bench result/,
  },
  { name: 'logs: no such node', init: 'sentinel', args: ['logs', 'redis-9'], exit: 1, line: /no node 'redis-9'.*nodes: redis-1/ },
  {
    name: 'down: --keep-volumes on the local runtime',
    init: 'standalone',
    args: ['down', '--keep-volumes'],
    exit: 2,
    line: /--keep-volumes applies to the docker runtime/,
  },
  {
    name: 'up: docker runtime without an engine',
    init: 'standalone',
    env: { DOCKER_HOST: 'unix:///nonexistent/docker.sock' },
    args: ['up', '--runtime', 'docker'],
    exit: 1,
    line: /no container engine answers at unix:\/\/\/nonexistent\/docker\.sock .*or use --runtime local/,
  },
  {
    name: 'down: spec missing',
    args: ['down', '--spec', 'elsewhere/redis-arc.yaml'],
    exit: 1,
    line: /elsewhere\/redis-arc\.yaml: no such spec; run `redis-arc init sentinel` here or pass --spec FILE/,
  },
  {
    name: 'bench: a server that closes every connection at once',
    args: ['bench', '--url', `redis://127.0.0.1:${CLOSING_PORT}`, '--jobs', '10'],
    exit: EXIT.unreachable,
    line: /nothing to benchmark: 127\.0\.0\.1:21711: unreachable \(Connection is closed: it accepted the connection and closed it without a reply; a TLS-only node \(pass --tls-ca\)/,
  },
  { name: 'unknown command', args: ['upp'], exit: 2, line: /^redis-arc: unknown command 'upp'$/ },
  {
    name: 'smoke: a huge --jobs is echoed as typed, not as 1e+20',
    init: 'standalone',
    args: ['smoke', '--jobs', '99999999999999999999'],
    exit: 2,
    line: /^redis-arc: option '--jobs <n>' argument '99999999999999999999' is invalid\. 99999999999999999999 is out of range \(1-1000000\)$/,
  },
  { name: 'image build-local: unknown flag, in our words', args: ['image', 'build-local', '--bogus'], exit: 2, line: /^redis-arc: unknown option '--bogus'$/ },
  { name: 'unknown flag', init: 'standalone', args: ['up', '--detach'], exit: 2, line: /unknown option '--detach'/ },
];

const servers: ChildProcess[] = [];
let busy: Server;
let closing: Server;
let base: ReturnType<typeof tempDir>;

beforeAll(async () => {
  base = tempDir('redis-arc-bad-input-');
  servers.push(
    spawn('redis-server', ['--port', String(PASSWORD_PORT), '--bind', '127.0.0.1', '--requirepass', 'pw-21700', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    }),
    spawn(
      'redis-server',
      [
        '--port',
        String(CLUSTER_PORT),
        '--bind',
        '127.0.0.1',
        '--cluster-enabled',
        'yes',
        '--cluster-config-file',
        join(base.path, 'nodes.conf'),
        '--save',
        '',
        '--appendonly',
        'no',
      ],
      {
        stdio: 'ignore',
        cwd: base.path,
      },
    ),
  );
  busy = await new Promise<Server>((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(BUSY_PORT, '127.0.0.1', () => resolve(s));
  });
  closing = createServer((socket) => socket.destroy()).listen(CLOSING_PORT, '127.0.0.1');
  for (const port of [PASSWORD_PORT, CLUSTER_PORT]) {
    for (let i = 0; !(await redisCli(port, ['PING'], 'pw-21700')).includes('PONG'); i++) {
      if (i > 100) throw new Error(`redis-server on ${port} did not start`);
      await sleep(50);
    }
  }
});

afterAll(async () => {
  // Killed and seen to exit: a kill that did not land would leave them for the suite's leftover check.
  await Promise.all(
    servers.map((s) => (s.exitCode !== null || s.signalCode !== null ? Promise.resolve() : new Promise((exited) => s.once('exit', exited).kill('SIGKILL')))),
  );
  busy?.close();
  closing?.close();
  base?.[Symbol.dispose]();
});

/** Every file under `dir` with its content, to prove nothing was written or overwritten. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const path = join(e.parentPath, e.name);
    if (e.isFile()) out[relative(dir, path)] = `${statSync(path).mode.toString(8)} ${readFileSync(path, 'utf8')}`;
  }
  return out;
}

describe('bad input', () => {
  it('has at least 40 cases', () => expect(CASES.length).toBeGreaterThanOrEqual(40));

  it.concurrent.each(CASES)('$name', async (c) => {
    using d = tempDir('redis-arc-bad-');
    if (c.init)
      expect(
        (await cli(['init', c.init, '--dir', d.path, '--port-base', '21740', ...(c.init === 'sentinel' ? ['--sentinel-port-base', '21760'] : [])])).exitCode,
      ).toBe(0);
    for (const [file, text] of Object.entries(c.files ?? {})) {
      mkdirSync(join(d.path, file, '..'), { recursive: true });
      writeFileSync(join(d.path, file), text);
    }
    let env = c.env;
    if (env?.PATH === 'NODE_ONLY') {
      mkdirSync(join(d.path, '.bin'));
      symlinkSync(process.execPath, join(d.path, '.bin', 'node'));
      env = { ...env, PATH: join(d.path, '.bin') };
    }
    const before = snapshot(d.path);
    const r = await cli(c.args, { cwd: d.path, ...(env && { env }) });
    const said = r.stderr.split('\n').filter((l) => l.trim() && !/^\((run with --help|Did you mean)/.test(l) && !l.startsWith('… ') && !l.startsWith('✖'));
    expect(said, `stderr:\n${r.stderr}\nstdout:\n${r.stdout}`).toHaveLength(1);
    expect(said[0]).toMatch(c.line);
    expect(r.exitCode, r.stderr).toBe(c.exit);
    expectNoStackTrace(r.stderr + r.stdout);
    expect(redisProcessesUnder(d.path)).toEqual([]);
    expect(snapshot(d.path)).toEqual(before);
  });
});

/** Run the CLI with stdout on `/dev/full`, or read its first chunk and close the pipe (`| head -c1`). */
async function withStdout(args: string[], stdout: 'full' | 'closed-early'): Promise<{ exitCode: number | null; stderr: string }> {
  const fd = stdout === 'full' ? openSync('/dev/full', 'w') : 'pipe';
  const child = spawn(BIN, args, { stdio: ['ignore', fd, 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  if (typeof fd === 'number') closeSync(fd);
  child.stdout?.once('data', () => child.stdout?.destroy());
  let stderr = '';
  child.stderr?.on('data', (b: Buffer) => (stderr += String(b)));
  const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  const [exitCode] = (await once(child, 'exit')) as [number | null];
  clearTimeout(killer);
  return { exitCode, stderr };
}

describe('stdout that fails', () => {
  const down = ['status', '--url', `redis://127.0.0.1:${FREE_PORT}`];
  const healthy = ['status', '--url', `redis://127.0.0.1:${PASSWORD_PORT}`, '--password', 'pw-21700'];
  const FULL = /^redis-arc: stdout: the output could not be written \(ENOSPC: no space left on device, write\); free space where it goes or send it elsewhere$/;

  it.concurrent.each([
    { name: 'a healthy status to a full disk fails instead of exiting 0', args: [...healthy, '--json'], exit: 1 },
    { name: 'a down status to a full disk keeps its own exit code', args: down, exit: EXIT.unreachable },
    { name: 'a watch to a full disk ends', args: [...healthy, '--watch', '1'], exit: 1 },
  ])('$name', async (c) => {
    const r = await withStdout(c.args, 'full');
    expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1);
    expect(r.stderr.trim()).toMatch(FULL);
    expect(r.exitCode).toBe(c.exit);
  });

  it.concurrent.each([
    { name: 'a watch whose reader went away (`| head`) ends quietly', args: [...healthy, '--watch', '1'], exit: 0 },
    { name: 'a down status whose reader went away keeps its exit code', args: [...down, '--json'], exit: EXIT.unreachable },
  ])('$name', async (c) => {
    const r = await withStdout(c.args, 'closed-early');
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(c.exit);
  });
});
