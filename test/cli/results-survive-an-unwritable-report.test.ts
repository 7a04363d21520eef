/**
 * A measurement is never lost to a file: when the folder of `--report` / `--junit` / bench's
 * `--json FILE` is gone by the end of the run (seen: failover-test and compare exited 1 and
 * printed nothing), the result is printed first (the terminal, or --json on stdout), then one
 * line per file that could not be written says which and why, and the exit code is 1 (a file
 * stopped the command: docs/commands/README.md#exit-codes). Ports 22500-22509 (sentinels 22506-22508).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, cli, expectNoStackTrace } from '../helpers/cli.js';
import { cliProject } from '../helpers/cli-project.js';

const project = cliProject('sentinel', ['--port-base', '22500', '--sentinel-port-base', '22506']);

beforeAll(async () => {
  const up = await cli(['up', '--spec', project.spec]);
  expect(up.exitCode, up.stderr).toBe(0);
}, 120_000);

/** Run the CLI and remove `folder` as soon as `phase` shows on stderr (a number: that many ms after the start; --json prints no progress). */
async function removingFolderAt(args: string[], folder: string, phase: RegExp | number) {
  mkdirSync(folder, { recursive: true });
  const child = spawn(BIN, [...args, '--spec', project.spec], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => (stdout += String(b)));
  child.stderr.on('data', (b: Buffer) => {
    stderr += String(b);
    if (typeof phase !== 'number' && phase.test(stderr) && existsSync(folder)) rmSync(folder, { recursive: true });
  });
  const timer = typeof phase === 'number' ? setTimeout(() => rmSync(folder, { recursive: true, force: true }), phase) : undefined;
  const [code] = (await once(child, 'exit')) as [number | null];
  clearTimeout(timer);
  return { code, stdout, stderr };
}

const notWritten = (flag: string, folder: string) =>
  new RegExp(`^redis-arc: ${flag} was not written \\(the result is printed in full\\): .*${folder} \\(the folder for ${flag}\\): does not exist`);

describe('the result is printed although its files cannot be written', () => {
  it('failover-test --json --report --junit: the JSON result on stdout, one line per file, exit 1', async () => {
    const out = join(project.dir, 'out-failover');
    const r = await removingFolderAt(
      ['failover-test', '--json', '--warmup-ms', '500', '--settle-ms', '500', '--report', join(out, 'r.html'), '--junit', join(out, 'j.xml')],
      out,
      // The trial's warm-up starts after ~1 s; the files are written ~8 s in.
      3000,
    );
    expect(r.code, r.stderr).toBe(1);
    const result = JSON.parse(r.stdout) as { result: string; trials: unknown[]; breaches: unknown[] };
    expect(result.result).toBe('failover');
    expect(result.trials).toHaveLength(1);
    expect(result.breaches).toEqual([]);
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('redis-arc:'));
    expect(lines, r.stderr).toHaveLength(2);
    expect(lines[0]).toMatch(notWritten('--junit', 'out-failover'));
    expect(lines[1]).toMatch(notWritten('--report', 'out-failover'));
    expectNoStackTrace(r.stderr + r.stdout);
    expect(existsSync(out)).toBe(false);
  }, 120_000);

  it('failover-test --report alone, on the terminal: the tables, then the one line', async () => {
    const out = join(project.dir, 'out-terminal');
    const r = await removingFolderAt(['failover-test', '--warmup-ms', '500', '--settle-ms', '500', '--report', join(out, 'r.html')], out, /warming up/);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/verdict/i);
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('redis-arc:'));
    expect(lines, r.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(notWritten('--report', 'out-terminal'));
    expect(r.stderr).not.toMatch(/^report: /m);
    expectNoStackTrace(r.stderr + r.stdout);
  }, 120_000);

  it('bench --json FILE --report: the table on the terminal, one line per file, exit 1', async () => {
    const out = join(project.dir, 'out-bench');
    const r = await removingFolderAt(
      ['bench', '--scenario', 'add', '--mode', 'direct', '--jobs', '200', '--runs', '1', '--json', join(out, 'b.json'), '--report', join(out, 'b.html')],
      out,
      /warm-up/,
    );
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/add/);
    expect(r.stdout).toMatch(/jobs\/s/);
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('redis-arc:'));
    expect(lines, r.stderr).toHaveLength(2);
    expect(lines[0]).toMatch(notWritten('--json', 'out-bench'));
    expect(lines[1]).toMatch(notWritten('--report', 'out-bench'));
    expectNoStackTrace(r.stderr + r.stdout);
  }, 120_000);
});
