/**
 * Hostile --fault-cmd / --heal-cmd through the CLI on a real Sentinel topology (issue 28): each
 * case asserts the one line, the exit code, no stack trace, the time it took, and afterwards that
 * nothing of the command's process group runs, the master is not left stopped (/proc state T), and
 * no nftables table of this topology's exists. Topology from redis-arc/testing (free ports).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/errors/index.js';
import { listProjectTables } from '../../src/network/nft.js';
import { projectTable } from '../../src/network/table-name.js';
import { waitUntilHealthy } from '../../src/probe/wait.js';
import { KILL_GRACE_MS } from '../../src/scenarios/faults/process-group.js';
import type { TrialResult } from '../../src/scenarios/failover/types.js';
import { BIN, cli, tempDir } from '../helpers/cli.js';
import { liveMembersOf, processState } from '../helpers/process-group.js';
import { topologiesForFile } from '../helpers/topology.js';
import { sentinel } from '../../src/testing/index.js';

const topo = topologiesForFile({ sentinel: sentinel({ downAfterMs: 1000 }) });

/** Groups and stopped masters a test saw: whatever a failing test left is ended here. */
const seen = { groups: [] as number[], stopped: [] as number[] };
afterEach(async () => {
  for (const pid of seen.stopped.splice(0)) if (processState(pid) === 'T') process.kill(pid, 'SIGCONT');
  for (const g of seen.groups.splice(0)) for (const pid of liveMembersOf(g)) process.kill(pid, 'SIGKILL');
  await waitUntilHealthy(topo.sentinel.started.target, { timeoutMs: 40_000 });
});

function attach(dir: string): string[] {
  const pw = join(dir, 'p');
  writeFileSync(pw, topo.sentinel.password ?? expect.fail('the topology has a password'), { mode: 0o600 });
  const sentinels = topo.sentinel.sentinels.map((s) => `${s.host}:${s.port}`).join(',');
  return ['failover-test', '--sentinel', sentinels, '--master-name', topo.sentinel.masterName ?? expect.fail('a master name'), '--password-file', pw];
}

/** The CLI's env: redis-cli in the user's commands logs in with it (as a user's script would). */
const env = () => ({ REDISCLI_AUTH: topo.sentinel.password ?? '' });

/** Shell: the pid of the Redis at {port}, into `file`; then SIGSTOP it. */
const stopMaster = (file: string) => `P=$(redis-cli -p {port} INFO server | tr -d '\\r' | sed -n 's/^process_id://p'); echo $P > ${file}; kill -STOP $P`;

const arcLines = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('redis-arc:'));

/** The command's group and the master it stopped, read from what the commands wrote: remembered at once, so afterEach ends them even when an assertion fails first. */
function remember(dir: string): { group?: number; master?: number } {
  const read = (name: string) => (existsSync(join(dir, name)) ? Number(readFileSync(join(dir, name), 'utf8')) : undefined);
  const left = { group: read('group'), master: read('master-pid') };
  if (left.group) seen.groups.push(left.group);
  if (left.master) seen.stopped.push(left.master);
  return left;
}

async function expectNothingLeft(left: { group?: number; master?: number }): Promise<void> {
  if (left.group) expect(liveMembersOf(left.group), `group ${left.group}`).toEqual([]);
  if (left.master) expect(processState(left.master), `master ${left.master}`).not.toBe('T');
  // Only this file's own tables: other files running beside it hold theirs for their partitions.
  const ours = [projectTable(topo.sentinel.dir), projectTable(process.cwd())];
  expect((await listProjectTables()).filter((t) => ours.includes(t))).toEqual([]);
}

describe('--fault-cmd and --heal-cmd leave nothing behind', () => {
  it('a fault command that stops the master and hangs past --max-recovery: killed, said so, healed, master running again', async () => {
    using dir = tempDir();
    const started = performance.now();
    const r = await cli(
      [
        ...attach(dir.path),
        '--fault-cmd',
        `echo $$ > ${dir.path}/group; ${stopMaster(`${dir.path}/master-pid`)}; sleep 60`,
        '--heal-cmd',
        `kill -CONT $(cat ${dir.path}/master-pid)`,
        '--max-recovery',
        '3000',
        '--warmup',
        '300',
        '--json',
      ],
      { env: env() },
    );
    const left = remember(dir.path);
    expect(r.exitCode, r.stderr).toBe(EXIT.cannotRun);
    expect(r.stdout).toBe('');
    expect(arcLines(r.stderr)).toEqual([
      'redis-arc: --fault-cmd was still running after 3000 ms (--max-recovery) and was killed; --heal-cmd exited 0; nothing was measured',
    ]);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(performance.now() - started).toBeLessThan(20_000);
    await expectNothingLeft(left);
  });

  it('a background child holding the fault command stdout: the command takes its own time, the heal is on time, the child is ended', async () => {
    using dir = tempDir();
    const r = await cli(
      [
        ...attach(dir.path),
        '--fault-cmd',
        `echo $$ > ${dir.path}/group; ${stopMaster(`${dir.path}/master-pid`)}; sleep 20 & printf 'stopped\\033[2J\\n'`,
        '--heal-cmd',
        `kill -CONT $(cat ${dir.path}/master-pid); echo resumed`,
        '--warmup',
        '300',
        '--settle',
        '300',
        '--json',
      ],
      { env: env() },
    );
    const left = remember(dir.path);
    expect(r.exitCode, r.stderr).toBe(0);
    const t = JSON.parse(r.stdout).trials[0] as TrialResult;
    expect(t.faultCommand?.durationMs).toBeLessThan(2000);
    expect(t.faultCommand?.output.trim()).toBe('stopped\u001b[2J');
    // The trial's note (printed under the table) shows the escape sequence its last line held, never sends it.
    expect(t.notes.find((n) => n.startsWith('--fault-cmd '))).toMatch(/: exit 0 after \d+ ms; stopped\\e\[2J$/);
    expect(t.healCommand?.exitCode).toBe(0);
    // The heal followed the recovery, not the background child's 20 s.
    const heal = t.events.find((e) => e.type === 'heal');
    expect(heal?.atMs).toBeLessThan(15_000);
    await expectNothingLeft(left);
  });

  it('Ctrl-C while a fault command that ignores SIGTERM runs: ended after the short grace, healed, exit 130', async () => {
    using dir = tempDir();
    const child = execa(
      BIN,
      [
        ...attach(dir.path),
        '--fault-cmd',
        `echo $$ > ${dir.path}/group; trap '' TERM; touch ${dir.path}/started; sleep 60`,
        '--heal-cmd',
        `touch ${dir.path}/healed`,
        '--warmup',
        '300',
      ],
      { reject: false, env: { NO_COLOR: '1', ...env() }, timeout: 60_000 },
    );
    const deadline = performance.now() + 30_000;
    while (!existsSync(join(dir.path, 'started')) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(existsSync(join(dir.path, 'started'))).toBe(true);
    const interrupted = performance.now();
    child.kill('SIGINT');
    const r = await child;
    const left = remember(dir.path);
    expect(performance.now() - interrupted).toBeLessThan(KILL_GRACE_MS + 8000);
    expect(r.exitCode, String(r.stderr)).toBe(EXIT.interrupted);
    // The progress notice, then the last line: how the fault command ended and how its heal went.
    expect(String(r.stderr).trim().split('\n').pop()).toMatch(/^✖ interrupted: --fault-cmd was ended after \d+ ms; --heal-cmd exited 0; nothing was measured$/);
    expect(String(r.stderr)).not.toMatch(/\n\s+at /);
    expect(existsSync(join(dir.path, 'healed'))).toBe(true);
    await expectNothingLeft(left);
  });

  it('a command not found: one line with the shell own words, exit 4, and the heal still ran', async () => {
    using dir = tempDir();
    const started = performance.now();
    const r = await cli([
      ...attach(dir.path),
      '--fault-cmd',
      `echo $$ > ${dir.path}/group; no-such-tool-redis-arc delete {node}`,
      '--heal-cmd',
      `touch ${dir.path}/healed`,
      '--warmup',
      '300',
    ]);
    const left = remember(dir.path);
    expect(r.exitCode, r.stderr).toBe(EXIT.cannotRun);
    expect(arcLines(r.stderr)).toHaveLength(1);
    expect(arcLines(r.stderr)[0]).toMatch(
      /^redis-arc: --fault-cmd exited 127 after \d+ ms: .*no-such-tool-redis-arc: not found; --heal-cmd exited 0; no fault happened, nothing was measured$/,
    );
    expect(existsSync(join(dir.path, 'healed'))).toBe(true);
    expect(performance.now() - started).toBeLessThan(15_000);
    await expectNothingLeft(left);
  });

  it('enormous binary output then a failure: one printable line, the password nowhere, bounded time', async () => {
    using dir = tempDir();
    const started = performance.now();
    const r = await cli(
      [
        ...attach(dir.path),
        '--fault-cmd',
        `echo $$ > ${dir.path}/group; head -c 30000000 /dev/urandom; echo; echo "auth $REDISCLI_AUTH"; exit 1`,
        '--warmup',
        '300',
      ],
      { env: env() },
    );
    const left = remember(dir.path);
    expect(r.exitCode, r.stderr).toBe(EXIT.cannotRun);
    const lines = arcLines(r.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^redis-arc: --fault-cmd exited 1 after \d+ ms: auth \*\*\*; no fault happened, nothing was measured$/);
    expect(r.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(r.stderr).not.toContain(topo.sentinel.password!);
    expect(performance.now() - started).toBeLessThan(20_000);
    await expectNothingLeft(left);
  });

  it('an unknown placeholder is refused (exit 2) in one line before any warm-up', async () => {
    using dir = tempDir();
    const started = performance.now();
    const r = await cli([...attach(dir.path), '--fault-cmd', `touch ${dir.path}/ran {nod}`, '--warmup', '20000']);
    expect(r.exitCode).toBe(EXIT.usage);
    expect(r.stderr.trim().split('\n')).toEqual([
      'redis-arc: --fault-cmd: unknown placeholder {nod} (did you mean {node}?); the placeholders are {node} {host} {port} {role} (a literal one: \\{word})',
    ]);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(existsSync(join(dir.path, 'ran'))).toBe(false);
  });
});
