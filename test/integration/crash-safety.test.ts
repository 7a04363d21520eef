/**
 * A CLI killed or interrupted at the worst moment: the topology is left as the issue promises,
 * `status` tells the truth, `down` leaves nothing. Ports 20700-20899 (cluster bus below 32768).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa, type ResultPromise } from 'execa';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BIN, cli, expectNoSecret, expectNoStackTrace, projectDirs, tempDir } from '../helpers/cli.js';
import { killRedisUnder, processState, redisProcessesUnder } from '../helpers/processes.js';
import { redisCli } from '../helpers/redis-cli.js';

const dirs: ReturnType<typeof tempDir>[] = [];

async function project(
  kind: 'sentinel' | 'cluster',
  portBase: number,
  edits: [RegExp, string][] = [],
): Promise<{ dir: string; spec: string; password: string }> {
  const d = tempDir('redis-arc-crash-');
  dirs.push(d);
  const ports = kind === 'sentinel' ? ['--port-base', String(portBase), '--sentinel-port-base', String(portBase + 50)] : ['--port-base', String(portBase)];
  const r = await cli(['init', kind, '--dir', d.path, ...ports]);
  expect(r.exitCode, r.stderr).toBe(0);
  const spec = join(d.path, 'redis-arc.yaml');
  let text = readFileSync(spec, 'utf8');
  for (const [from, to] of edits) text = text.replace(from, to);
  writeFileSync(spec, text);
  return { dir: d.path, spec, password: readFileSync(join(d.path, '.redis-arc.secret'), 'utf8').trim() };
}

afterAll(async () => {
  for (const d of dirs) {
    await cli(['down', '--purge', '--spec', join(d.path, 'redis-arc.yaml')]);
    killRedisUnder(d.path);
    d[Symbol.dispose]();
  }
});

const running: ResultPromise[] = [];
// A test that fails while its CLI still runs must not leave it holding the lock (or a node paused).
afterEach(() => {
  for (const child of running.splice(0)) child.kill('SIGKILL');
});

/** The CLI as a background process whose stderr can be watched, as a user watches a terminal. */
function spawnCli(args: string[]): { child: ResultPromise; stderr: () => string; done: Promise<{ exitCode: number; stdout: string; stderr: string }> } {
  const child = execa(BIN, args, { reject: false, env: { NO_COLOR: '1', FORCE_COLOR: '0' }, timeout: 120_000 });
  running.push(child);
  let err = '';
  child.stderr?.on('data', (b: Buffer) => (err += b.toString()));
  const done = child.then((r) => {
    const result = { exitCode: r.exitCode ?? (r.signal === 'SIGKILL' ? 137 : -1), stdout: String(r.stdout), stderr: err };
    expectNoSecret(result, projectDirs(args));
    return result;
  });
  return { child, stderr: () => err, done };
}

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

const statePids = (dir: string): Record<string, { pid: number }> => {
  try {
    return (JSON.parse(readFileSync(join(dir, '.redis-arc/local/state.json'), 'utf8')) as { nodes: Record<string, { pid: number }> }).nodes;
  } catch {
    return {};
  }
};

interface StatusJson {
  verdict: string;
  master?: string;
  nodes: { address: string; reachable: boolean }[];
  sentinels: { address: string; reachable: boolean }[];
  runtime: { nodes: { id: string; state: string }[]; notes: string[] };
}

async function status(spec: string): Promise<StatusJson> {
  const r = await cli(['status', '--json', '--spec', spec]);
  expectNoStackTrace(r.stderr);
  return JSON.parse(r.stdout) as StatusJson;
}

const port = (address: string) => Number(address.split(':')[1]);

describe('kill -9 of the CLI in the middle of up (cluster)', () => {
  it('status tells the truth, up finishes the job, down leaves no process', async () => {
    const { dir, spec, password } = await project('cluster', 20700);
    const run = spawnCli(['up', '--spec', spec]);
    // All six processes are on record: the CLI is forming the cluster or waiting for it.
    await until('six recorded pids', () => Object.keys(statePids(dir)).length === 6);
    run.child.kill('SIGKILL');
    await run.done;
    expect(existsSync(join(dir, '.redis-arc/lock')), 'the killed run left its lock').toBe(true);

    const seen = await status(spec);
    expect(seen.nodes).toHaveLength(6);
    // Independent witness: every node the status lists answers redis-cli exactly when status says so.
    for (const n of seen.nodes) {
      const pong = await redisCli(port(n.address), ['PING'], password);
      expect(n.reachable, `${n.address}: ${pong}`).toBe(pong.includes('PONG'));
    }
    const formed = await Promise.all(
      [20700, 20701, 20702, 20703, 20704, 20705].map(async (p) => /cluster_state:ok/.test(await redisCli(p, ['CLUSTER', 'INFO'], password))),
    );
    expect(seen.verdict === 'healthy').toBe(formed.every(Boolean) && seen.nodes.length === 6);
    expect(seen.runtime.notes.join('\n')).toMatch(/an earlier `up` \(pid \d+.*ended without finishing/);
    expect(seen.runtime.nodes.map((n) => n.state)).toEqual(Array(6).fill('running'));

    const again = await cli(['up', '--spec', spec]);
    expect(again.exitCode, again.stderr).toBe(0);
    expect(again.stderr).toContain('an earlier `up`');
    expect((await status(spec)).verdict).toBe('healthy');

    const down = await cli(['down', '--spec', spec]);
    expect(down.exitCode, down.stderr).toBe(0);
    expect(redisProcessesUnder(dir)).toEqual([]);
    expect(existsSync(join(dir, '.redis-arc/lock'))).toBe(false);
  });
});

describe('kill -9 of the CLI while it attaches the replicas (cluster)', () => {
  it('the next up attaches the replicas left as empty masters', async () => {
    const { dir, spec, password } = await project('cluster', 20730);
    const run = spawnCli(['up', '--spec', spec]);
    // The slots are assigned and the nodes have met: only the REPLICATEs are left, node-4's first.
    await until('the first replica being attached', () => run.stderr().includes('attaching node-4'));
    run.child.kill('SIGKILL');
    await run.done;
    const ports = [20733, 20734, 20735];
    const myself = async (port: number) => (await redisCli(port, ['CLUSTER', 'NODES'], password)).split('\n').find((l) => l.includes('myself'))!;
    // node-6's REPLICATE is sent only after node-4's and node-5's succeed, each after a gossip round.
    expect(await myself(20735)).toMatch(/ myself,master - .* connected$/);
    // As a user's next `up` finds it seconds later: gossip has told every node of every other.
    const all = [20730, 20731, 20732, ...ports];
    await until('every node knowing the other five', async () =>
      (await Promise.all(all.map((port) => redisCli(port, ['CLUSTER', 'INFO'], password)))).every((info) => info.includes('cluster_known_nodes:6')),
    );

    const again = await cli(['up', '--spec', spec]);
    expect(again.exitCode, again.stderr).toBe(0);
    for (const port of ports) expect(await myself(port)).toMatch(/ myself,slave [0-9a-f]{40} /);
    expect((await status(spec)).verdict).toBe('healthy');
    expect((await cli(['down', '--spec', spec])).exitCode).toBe(0);
    expect(redisProcessesUnder(dir)).toEqual([]);
  });
});

describe('interrupting up (cluster)', () => {
  it('Ctrl-C while the cluster forms stops what this run started and exits 130', async () => {
    const { dir, spec } = await project('cluster', 20760);
    const run = spawnCli(['up', '--spec', spec]);
    await until('forming', () => /assigning slots|introducing|attaching|waiting for/.test(run.stderr()));
    run.child.kill('SIGINT');
    const r = await run.done;
    expect(r.exitCode, r.stderr).toBe(130);
    expect(r.stderr).toMatch(/interrupted: stopped the 6 node\(s\) this run had started/);
    expectNoStackTrace(r.stderr);
    expect(redisProcessesUnder(dir)).toEqual([]);
    expect(existsSync(join(dir, '.redis-arc/lock'))).toBe(false);
  });
});

describe('a sentinel topology under interrupted and killed commands', () => {
  let p: Awaited<ReturnType<typeof project>>;
  beforeAll(async () => {
    p = await project('sentinel', 20800, [[/downAfterMs: \d+/, 'downAfterMs: 1000']]);
    const up = await cli(['up', '--spec', p.spec]);
    expect(up.exitCode, up.stderr).toBe(0);
  });

  const masterPort = async () => port((await status(p.spec)).master!);
  const keysLike = async (pattern: string) => (await redisCli(await masterPort(), ['--scan', '--pattern', pattern], p.password)).trim();

  /** A failover-test whose pause fault has just stopped the master (SIGSTOP), for 30 s. */
  async function failoverTestWithMasterPaused() {
    const master = await masterPort();
    const run = spawnCli(['failover-test', '--spec', p.spec, '--fault', 'pause', '--pause-ms', '30000', '--trials', '1']);
    const pid = () => redisProcessesUnder(p.dir).find((q) => readFileSync(`/proc/${q}/cmdline`, 'utf8').includes(`:${master}`));
    await until('the master paused', () => processState(pid() ?? 0) === 'T');
    return { run, pid, master };
  }

  it('Ctrl-C during smoke: exit 130, its queue removed, the topology still healthy', async () => {
    const run = spawnCli(['smoke', '--spec', p.spec, '--mode', 'direct', '--jobs', '50000']);
    await until('enqueueing', () => run.stderr().includes('enqueueing'));
    await sleep(300);
    run.child.kill('SIGINT');
    const r = await run.done;
    expect(r.exitCode, r.stderr).toBe(130);
    expect(r.stderr).toContain('interrupted');
    expectNoStackTrace(r.stderr);
    expect(await keysLike('bull:redis-arc-smoke-*')).toBe('');
    expect((await status(p.spec)).verdict).toBe('healthy');
  });

  it('Ctrl-C during bench: exit 130 after the run in progress, no bench queue left', async () => {
    const run = spawnCli(['bench', '--spec', p.spec, '--scenario', 'add', '--mode', 'direct', '--jobs', '3000', '--runs', '5']);
    await until('a measured run', () => run.stderr().includes('run 1/'));
    run.child.kill('SIGINT');
    const r = await run.done;
    expect(r.exitCode, r.stderr).toBe(130);
    expect(r.stderr).toMatch(/interrupted: bench stopped/);
    expect(await keysLike('bull:redis-arc-bench-*')).toBe('');
  });

  it('Ctrl-C during failover-test with the master paused: the master is resumed, the lock released', async () => {
    const { run, pid } = await failoverTestWithMasterPaused();
    const masterPid = pid()!;
    run.child.kill('SIGINT');
    const r = await run.done;
    expect(r.exitCode, r.stderr).toBe(130);
    expect(r.stderr).toContain('interrupted');
    // Resumed and still there (a gone process would not be 'T' either).
    expect(['R', 'S']).toContain(processState(masterPid));
    expect(existsSync(join(p.dir, '.redis-arc/lock'))).toBe(false);
    const up = await cli(['up', '--spec', p.spec, '--timeout', '60']);
    expect(up.exitCode, up.stderr).toBe(0);
  });

  it('a second up/down while failover-test runs is refused, naming the holder', async () => {
    const run = spawnCli(['failover-test', '--spec', p.spec, '--fault', 'pause', '--pause-ms', '500', '--trials', '1', '--warmup', '500']);
    await until('the lock', () => existsSync(join(p.dir, '.redis-arc/lock')));
    for (const cmd of ['down', 'up']) {
      const r = await cli([cmd, '--spec', p.spec]);
      expect(r.exitCode).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`another redis-arc is working on arc: \`failover-test\` \\(pid ${run.child.pid}`));
      expect(
        r.stderr
          .trim()
          .split('\n')
          .filter((l) => l.startsWith('redis-arc:')),
      ).toHaveLength(1);
    }
    expect(redisProcessesUnder(p.dir)).toHaveLength(6);
    const done = await run.done;
    expect(done.exitCode, done.stderr).toBe(0);
  });

  it('kill -9 during failover-test with the master paused: status shows it, down stops everything', async () => {
    const { run, pid, master } = await failoverTestWithMasterPaused();
    run.child.kill('SIGKILL');
    await run.done;

    const seen = await status(p.spec);
    const paused = seen.runtime.nodes.filter((n) => n.state === 'paused');
    expect(paused).toHaveLength(1);
    expect(seen.runtime.notes.join('\n')).toMatch(/paused \(SIGSTOP\)/);
    expect(seen.runtime.notes.join('\n')).toMatch(/an earlier `failover-test`/);
    expect(seen.nodes.find((n) => port(n.address) === master)).toMatchObject({ reachable: false });
    expect(processState(pid()!)).toBe('T');
    expect(seen.verdict).not.toBe('healthy');
  });

  it('a corrupt state file is diagnosed, and down still finds every process', async () => {
    writeFileSync(join(p.dir, '.redis-arc/local/state.json'), '{"version": 1, "nodes": ');
    const seen = await status(p.spec);
    expect(seen.runtime.notes.join('\n')).toMatch(/state\.json is corrupt/);
    const down = await cli(['down', '--spec', p.spec]);
    expect(down.exitCode, down.stderr).toBe(0);
    expect(down.stderr).toMatch(/stopped 6 node\(s\)/);
    expect(redisProcessesUnder(p.dir)).toEqual([]);
  });
});

describe('a lock file naming a live process that is not redis-arc', () => {
  it('is not reported as a run: status does not name it as working, down takes the lock over', async () => {
    const d = tempDir('redis-arc-crash-');
    dirs.push(d);
    const init = await cli(['init', 'standalone', '--dir', d.path, '--port-base', '14900']);
    expect(init.exitCode, init.stderr).toBe(0);
    const spec = join(d.path, 'redis-arc.yaml');
    // A live process of another program, its real start time in the lock: only its command line tells.
    const other = execa('sleep', ['60'], { reject: false });
    running.push(other);
    await until('sleep to run', () => readFileSync(`/proc/${other.pid}/cmdline`, 'utf8').startsWith('sleep'));
    const start = readFileSync(`/proc/${other.pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[19];
    writeFileSync(join(d.path, '.redis-arc/lock'), JSON.stringify({ pid: other.pid, procStart: start, command: 'up', startedAt: new Date().toISOString() }));

    const seen = await status(spec);
    expect(seen.runtime.notes.join('\n')).not.toMatch(/is working on this topology right now/);
    expect(seen.runtime.notes.join('\n')).toMatch(new RegExp(`an earlier \`up\` \\(pid ${other.pid}, .*ended without finishing`));

    const down = await cli(['down', '--spec', spec]);
    expect(down.exitCode, down.stderr).toBe(0);
    expectNoStackTrace(down.stderr);
    expect(down.stderr).not.toMatch(/another redis-arc is working/);
    expect(down.stderr.trim().split('\n').at(-1)).toBe('✔ arc: nothing was running');
    expect(existsSync(join(d.path, '.redis-arc/lock'))).toBe(false);
  });
});
