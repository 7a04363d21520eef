/**
 * A user's --fault-cmd / --heal-cmd is timed to its own exit, runs in its own process group, and
 * that group is ended on every path; once the fault command started, the heal always runs
 * (issue 28). Real /bin/sh, real processes, states read from /proc.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CannotRunError, InterruptedError } from '../../src/errors/index.js';
import { inject } from '../../src/scenarios/faults/index.js';
import { runUserCommand } from '../../src/scenarios/faults/fault-command.js';
import type { FaultContext } from '../../src/scenarios/faults/fault.js';
import { KILL_GRACE_MS } from '../../src/scenarios/faults/process-group.js';
import { liveMembersOf } from '../helpers/process-group.js';

let dir: string;
const groups: number[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'arc-groups-'));
});
afterEach(() => {
  // A failed test leaves nothing running either.
  for (const g of groups.splice(0)) for (const pid of liveMembersOf(g)) process.kill(pid, 'SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

const values = { node: 'redis-1', host: '127.0.0.1', port: '6379', role: 'master' };
/** The command's group: its shell's pid ($$), which it writes first. */
const groupOf = (file: string): number => {
  const g = Number(readFileSync(file, 'utf8').trim());
  groups.push(g);
  return g;
};

function ctx(fault: string, heal?: string, more: Partial<NonNullable<FaultContext['commands']>> = {}): FaultContext {
  return {
    runtime: undefined,
    target: { id: 'redis-1', address: { host: '127.0.0.1', port: 6379 }, role: 'master' },
    pauseMs: 1000,
    commands: { fault, ...(heal && { heal }), timeoutMs: 5000, secrets: [], ...more },
  };
}

describe('the command', () => {
  it('takes as long as itself, not as long as a background child holding its stdout; the child lives until the leftovers are ended', async () => {
    const g = join(dir, 'group');
    const started = performance.now();
    const outcome = await runUserCommand(`echo $$ > ${g}; sleep 15 & echo done`, values, { timeoutMs: 30_000, secrets: [] });
    expect(performance.now() - started).toBeLessThan(1500);
    expect(outcome.run.durationMs).toBeLessThan(1000);
    expect(outcome.run.exitCode).toBe(0);
    expect(outcome.run.output.trim()).toBe('done');
    const group = groupOf(g);
    expect(liveMembersOf(group)).toHaveLength(1);
    await outcome.endLeftovers();
    expect(liveMembersOf(group)).toEqual([]);
  });

  it('that ignores SIGTERM is killed a short grace after Ctrl-C, its whole group with it', async () => {
    const g = join(dir, 'group');
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 300);
    const started = performance.now();
    const outcome = await runUserCommand(`echo $$ > ${g}; trap '' TERM; sleep 30 & sleep 30`, values, { timeoutMs: 60_000, secrets: [], signal: abort.signal });
    const took = performance.now() - started;
    expect(outcome.interrupted).toBe(true);
    expect(outcome.run.signal).toBe('SIGKILL');
    expect(took).toBeGreaterThan(KILL_GRACE_MS);
    expect(took).toBeLessThan(KILL_GRACE_MS + 1500);
    expect(liveMembersOf(groupOf(g))).toEqual([]);
  });

  it('is killed with its group at redis-arc exit, whatever the path (process.exit here)', async () => {
    const g = join(dir, 'group');
    const script = join(dir, 'exits.mts');
    const runner = resolve(import.meta.dirname, '../../src/scenarios/faults/fault-command.ts');
    await import('node:fs').then((fs) =>
      fs.writeFileSync(
        script,
        `import { runUserCommand } from ${JSON.stringify(runner)};\n` +
          `await runUserCommand('echo $$ > ${g}; sleep 30 & sleep 30 & exit 0', ${JSON.stringify(values)}, { timeoutMs: 60000, secrets: [] });\n` +
          'process.exit(3);\n',
      ),
    );
    const r = await execa('node', ['--import', 'tsx', script], { reject: false, timeout: 30_000, cwd: resolve(import.meta.dirname, '../..') });
    expect(r.exitCode, r.stderr).toBe(3);
    expect(liveMembersOf(groupOf(g))).toEqual([]);
  });
});

describe('--heal-cmd always runs once --fault-cmd started', () => {
  const refusal = (e: unknown) => e;

  it('after a fault command that hangs past --max-recovery: one line says it timed out, and the heal ran', async () => {
    const g = join(dir, 'group');
    const healed = join(dir, 'healed');
    const started = performance.now();
    const err = await inject('command', ctx(`echo $$ > ${g}; sleep 30`, `touch ${healed}`, { timeoutMs: 500 })).then(() => undefined, refusal);
    expect(err).toBeInstanceOf(CannotRunError);
    expect((err as Error).message).toBe(
      '--fault-cmd was still running after 500 ms (--max-recovery) and was killed; --heal-cmd exited 0; nothing was measured',
    );
    expect(performance.now() - started).toBeLessThan(3000);
    expect(existsSync(healed)).toBe(true);
    expect(liveMembersOf(groupOf(g))).toEqual([]);
  });

  it('after a command not found, and says how a failing heal went', async () => {
    const err = await inject('command', ctx('no-such-command-redis-arc {node}', 'echo cannot heal >&2; exit 2')).then(() => undefined, refusal);
    expect(err).toBeInstanceOf(CannotRunError);
    expect((err as Error).message).toMatch(
      /^--fault-cmd exited 127 after \d+ ms: .*no-such-command-redis-arc: not found; --heal-cmd exited 2 after \d+ ms: cannot heal; no fault happened, nothing was measured$/,
    );
  });

  it('after Ctrl-C during the fault command (the heal itself is not cut short by it)', async () => {
    const healed = join(dir, 'healed');
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 300);
    const started = performance.now();
    const err = await inject('command', ctx("trap '' TERM; sleep 30", `sleep 0.5; touch ${healed}`, { timeoutMs: 60_000, signal: abort.signal })).then(
      () => undefined,
      refusal,
    );
    expect(err).toBeInstanceOf(InterruptedError);
    expect((err as Error).message).toMatch(/^interrupted: --fault-cmd was ended after \d+ ms; --heal-cmd exited 0; nothing was measured$/);
    expect(existsSync(healed)).toBe(true);
    expect(performance.now() - started).toBeLessThan(KILL_GRACE_MS + 2500);
  });

  it('after a successful fault, when the trial heals: the fault command leftovers are ended first; what the heal starts (a restarted node) is left running', async () => {
    const g = join(dir, 'group');
    const hg = join(dir, 'heal-group');
    const injected = await inject('command', ctx(`echo $$ > ${g}; sleep 30 & echo stopped`, `echo $$ > ${hg}; sleep 30 & echo resumed`));
    expect(injected.faultCommand?.output.trim()).toBe('stopped');
    const group = groupOf(g);
    expect(liveMembersOf(group)).toHaveLength(1);
    await injected.heal();
    expect(injected.healCommand?.exitCode).toBe(0);
    expect(injected.healCommand?.output.trim()).toBe('resumed');
    expect(liveMembersOf(group)).toEqual([]);
    expect(liveMembersOf(groupOf(hg))).toHaveLength(1);
  });
});
