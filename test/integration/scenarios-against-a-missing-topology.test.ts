/**
 * smoke, bench and failover-test against a topology that is not there, or that goes away while
 * they run: one `redis-arc:` line, the documented exit code, no stack trace, no ioredis
 * "Unhandled error event", a bounded time, and nothing left running. Real servers only: a closed
 * port, a TCP server that never answers, an HTTP server, a Redis with another password, and real
 * Redis / Sentinel processes killed with SIGKILL (or paused with SIGSTOP) mid-run. Ports 19000-19099
 * for the fake servers and the CLI's project; the topologies are redis-arc/testing's, on free ports.
 */
import { EventEmitter, once } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa, type ResultPromise } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/errors/index.js';
import { BIN, cli, expectNoStackTrace, tempDir } from '../helpers/cli.js';
import { killRedisUnder, redisProcessesUnder } from '../helpers/processes.js';
import { sentinel, standalone, type TestTopology } from '../../src/testing/index.js';
import { portsOf, stopAll } from '../helpers/topology.js';

const CLOSED = 19001;
const SILENT = 19002;
const HTTP = 19003;
/** The port of the standalone with PASSWORD, once started. */
let PASSWORD_PORT = 0;
const PROJECT_BASE = 19040;
const PASSWORD = 'missing-topology-pw-19004';
/** Generous: the liveness watch gives up after 10 s without an answer; a run must end well within this. */
const BOUND_MS = 30_000;

const started: TestTopology[] = [];
const start = async <T extends TestTopology>(starter: { start(): Promise<T> }): Promise<T> => {
  const topo = await starter.start();
  started.push(topo);
  return topo;
};
/** Fires when the silent server accepts: the CLI is then waiting on a connect that will never answer. */
const silentAccepted = new EventEmitter();
const servers: Server[] = [];
const dir = tempDir('redis-arc-missing-');
const wrongPassword = join(dir.path, 'wrong.pw');
const rightPassword = join(dir.path, 'right.pw');

function listen(port: number, onSocket: (socket: Socket) => void): Promise<void> {
  const server = createServer(onSocket);
  servers.push(server);
  return new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
}

beforeAll(async () => {
  writeFileSync(wrongPassword, 'not-the-password\n', { mode: 0o600 });
  writeFileSync(rightPassword, `${PASSWORD}\n`, { mode: 0o600 });
  // Accepts and never says a word.
  await listen(SILENT, (s) => {
    s.on('error', () => undefined);
    silentAccepted.emit('connection');
  });
  // Answers whatever it is sent like a web server would.
  await listen(HTTP, (s) => {
    s.on('error', () => undefined);
    s.on('data', () => s.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n'));
  });
  [PASSWORD_PORT] = portsOf(await start(standalone({ password: PASSWORD })), 'redis-1');
}, 20_000);

afterAll(async () => {
  for (const s of servers) s.close();
  await stopAll(...started);
  killRedisUnder(dir.path);
  dir[Symbol.dispose]();
});

/** What every case asserts about the output: one error line, nothing of ioredis' or Node's. */
function expectOneLine(r: { stderr: string; stdout: string }, line: RegExp): void {
  const text = `${r.stdout}\n${r.stderr}`;
  expect(text).not.toContain('Unhandled error event');
  expect(text).not.toContain('Please report this');
  expectNoStackTrace(text);
  const errors = r.stderr.split('\n').filter((l) => l.startsWith('redis-arc:'));
  expect(errors).toHaveLength(1);
  expect(errors[0]).toMatch(line);
}

async function timed(args: string[]): Promise<{ exitCode: number; stdout: string; stderr: string; ms: number }> {
  const t0 = performance.now();
  const r = await cli(args, { cwd: dir.path });
  return { ...r, ms: performance.now() - t0 };
}

const SCENARIOS = {
  smoke: ['smoke', '--jobs', '20'],
  bench: ['bench', '--scenario', 'add', '--jobs', '100', '--runs', '1'],
  'failover-test': ['failover-test', '--fault', 'sentinel-failover', '--warmup', '500'],
} as const;
type Scenario = keyof typeof SCENARIOS;
// A topology that is not there is exit 3 (EXIT.unreachable) for every scenario, as for `status`.
const DOWN_LINE: Record<Scenario, string> = { smoke: 'nothing to smoke-test', bench: 'nothing to benchmark', 'failover-test': 'not healthy' };

describe.each(Object.keys(SCENARIOS) as Scenario[])('%s before it starts', (scenario) => {
  const args = SCENARIOS[scenario];
  // failover-test needs a sentinel or cluster: it is attached as one, and the address is still what is wrong.
  const attach = (port: number) => (scenario === 'failover-test' ? ['--sentinel', `127.0.0.1:${port}`] : ['--url', `redis://127.0.0.1:${port}`]);

  it('a closed port: one line naming it, no retry loop', async () => {
    const r = await timed([...args, ...attach(CLOSED)]);
    expect(r.exitCode).toBe(EXIT.unreachable);
    expectOneLine(r, new RegExp(`${DOWN_LINE[scenario]}.*127\\.0\\.0\\.1:${CLOSED}: unreachable \\(connect ECONNREFUSED`));
    expect(r.ms).toBeLessThan(BOUND_MS);
  });

  it('a wrong password: one line saying the login failed and how to give the password', async () => {
    const r = await timed([...args, '--url', `redis://127.0.0.1:${PASSWORD_PORT}`, '--password-file', wrongPassword]);
    expect(r.exitCode).toBe(EXIT.unreachable);
    expectOneLine(r, new RegExp(`127\\.0\\.0\\.1:${PASSWORD_PORT}: authentication failed \\(WRONGPASS.*--password-file FILE`));
    expect(r.stderr).not.toContain('not-the-password');
    expect(r.ms).toBeLessThan(BOUND_MS);
  });

  it('a server that accepts and never answers: one line saying so', async () => {
    const r = await timed([...args, ...attach(SILENT)]);
    expect(r.exitCode).toBe(EXIT.unreachable);
    expectOneLine(r, new RegExp(`127\\.0\\.0\\.1:${SILENT}: unreachable \\(Command timed out: it accepted the connection but sent no reply`));
    expect(r.ms).toBeLessThan(BOUND_MS);
  });

  it('a server that is not Redis is named as such', async () => {
    const r = await timed([...args, ...attach(HTTP)]);
    expect(r.exitCode).toBe(EXIT.unreachable);
    expectOneLine(r, new RegExp(`127\\.0\\.0\\.1:${HTTP}: answered but is not Redis \\(its reply began with "H"`));
    expect(r.ms).toBeLessThan(BOUND_MS);
  });

  it('SIGTERM while it waits on a server that never answers: one line, exit 130, at once', async () => {
    const accepted = once(silentAccepted, 'connection');
    const run = execa(BIN, [...args, ...attach(SILENT)], { cwd: dir.path, reject: false, env: { NO_COLOR: '1' } });
    await accepted;
    const t0 = performance.now();
    run.kill('SIGTERM');
    const r = await run;
    expect(r.exitCode).toBe(130);
    expectOneLine({ stdout: String(r.stdout), stderr: String(r.stderr) }, new RegExp(`interrupted before ${scenario} started; nothing was changed`));
    // The probe gives up on its own after 2 s; the signal must not wait for that, let alone for ever.
    expect(performance.now() - t0).toBeLessThan(1500);
  });
});

/** Start `args`, SIGKILL what `kill` names once the run is under way, and return how it ended. */
async function killedUnder(
  args: string[],
  started: RegExp,
  kill: () => Promise<void> | void,
): Promise<{ exitCode: number; stdout: string; stderr: string; ms: number }> {
  const run: ResultPromise = execa(BIN, args, { cwd: dir.path, reject: false, env: { NO_COLOR: '1' }, timeout: 120_000 });
  let stderr = '';
  await new Promise<void>((resolve, reject) => {
    run.stderr!.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (started.test(stderr)) resolve();
    });
    run.once('exit', () => reject(new Error(`ended before the run was under way:\n${stderr}`)));
  });
  await sleep(500);
  const t0 = performance.now();
  await kill();
  const r = await run;
  return { exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr), ms: performance.now() - t0 };
}

describe('the topology killed mid-run', () => {
  it('smoke on a project topology: one line when every node is SIGKILLed, exit 3 (lost), nothing left running', async () => {
    const project = join(dir.path, 'project');
    const init = await cli(['init', 'standalone', '--dir', project, '--port-base', String(PROJECT_BASE)]);
    expect(init.exitCode).toBe(0);
    const spec = join(project, 'redis-arc.yaml');
    try {
      expect((await cli(['up', '--spec', spec])).exitCode).toBe(0);
      const r = await killedUnder(['smoke', '--spec', spec, '--mode', 'direct', '--jobs', '200000'], /enqueueing/, () => void killRedisUnder(project));
      expect(r.exitCode).toBe(EXIT.unreachable);
      expectOneLine(
        r,
        new RegExp(
          `lost the topology during smoke: no node answered for 10 s \\(redis-1 127\\.0\\.0\\.1:${PROJECT_BASE}: unreachable|lost the topology during smoke: no node answered for 10 s \\(127\\.0\\.0\\.1:${PROJECT_BASE}: unreachable`,
        ),
      );
      expect(r.ms).toBeLessThan(BOUND_MS);
      expect(redisProcessesUnder(project)).toEqual([]);
    } finally {
      killRedisUnder(project);
    }
  }, 90_000);

  it('bench attached to a standalone: one line when the server is SIGKILLed, exit 3 (lost)', async () => {
    const topo = await start(standalone({ auth: false }));
    const [STANDALONE] = portsOf(topo, 'redis-1');
    const r = await killedUnder(
      ['bench', '--url', `redis://127.0.0.1:${STANDALONE}`, '--scenario', 'add,process', '--jobs', '200000', '--runs', '2'],
      /warm-up/,
      () => void killRedisUnder(topo.dir),
    );
    expect(r.exitCode).toBe(EXIT.unreachable);
    expectOneLine(
      r,
      new RegExp(`lost the topology during bench: no node answered for 10 s \\(127\\.0\\.0\\.1:${STANDALONE}: unreachable \\(connect ECONNREFUSED`),
    );
    expect(r.ms).toBeLessThan(BOUND_MS);
  }, 90_000);

  it('smoke attached to a standalone that is paused (SIGSTOP) mid-run: one line naming the silence, exit 3 (lost)', async () => {
    const topo = await start(standalone({ auth: false }));
    const [PAUSED] = portsOf(topo, 'redis-1');
    const signal = (sig: NodeJS.Signals) => redisProcessesUnder(topo.dir).forEach((pid) => process.kill(pid, sig));
    try {
      const r = await killedUnder(['smoke', '--url', `redis://127.0.0.1:${PAUSED}`, '--mode', 'bus', '--jobs', '200000'], /enqueueing/, () =>
        signal('SIGSTOP'),
      );
      expect(r.exitCode).toBe(EXIT.unreachable);
      expectOneLine(
        r,
        new RegExp(
          `lost the topology during smoke: no node answered for 10 s \\(127\\.0\\.0\\.1:${PAUSED}: unreachable \\(Command timed out: it accepted the connection but sent no reply`,
        ),
      );
      expect(r.ms).toBeLessThan(BOUND_MS);
    } finally {
      signal('SIGCONT');
    }
  }, 90_000);

  it('failover-test attached to a sentinel topology: one line when every node is SIGKILLed, exit 3 (lost)', async () => {
    const topo = await start(sentinel({ downAfterMs: 1000, password: PASSWORD }));
    const sentinels = topo.sentinels;
    // A long warm-up: the kill lands while load runs, before any fault.
    const r = await killedUnder(
      [
        'failover-test',
        '--sentinel',
        sentinels.map((e) => `${e.host}:${e.port}`).join(','),
        '--password-file',
        rightPassword,
        '--fault',
        'sentinel-failover',
        '--warmup',
        '60000',
      ],
      /warming up/,
      () => void killRedisUnder(topo.dir),
    );
    expect(r.exitCode).toBe(EXIT.unreachable);
    expectOneLine(
      r,
      new RegExp(
        String.raw`lost the topology during failover-test: no node answered for 10 s \(127\.0\.0\.1:(${topo.nodes.map((n) => n.port).join('|')}): unreachable`,
      ),
    );
    expect(r.ms).toBeLessThan(BOUND_MS);
    expect(redisProcessesUnder(topo.dir)).toEqual([]);
  }, 90_000);
});
