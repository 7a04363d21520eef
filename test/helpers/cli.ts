import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execa } from 'execa';

export const BIN = resolve(import.meta.dirname, '../../bin/redis-arc');

export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Run the built CLI as a user would (no TTY, no colour). */
export async function cli(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): Promise<CliResult> {
  const r = await execa(BIN, args, { cwd: opts.cwd, reject: false, env: { NO_COLOR: '1', FORCE_COLOR: '0', ...opts.env }, timeout: 120_000 });
  return { exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
}

export function tempDir(prefix = 'redis-arc-test-'): { path: string; [Symbol.dispose](): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, [Symbol.dispose]: () => rmSync(path, { recursive: true, force: true }) };
}

/** No stack frames and no "unexpected error" in what a user sees. */
export function expectNoStackTrace(text: string): void {
  if (/^\s+at .+:\d+:\d+\)?$/m.test(text) || text.includes('unexpected error')) {
    throw new Error(`output has a stack trace or an unexpected error:\n${text}`);
  }
}
