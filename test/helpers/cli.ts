import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
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
  const result = { exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
  expectNoSecret(result, projectDirs(args, opts.cwd));
  return result;
}

/** Folders a command worked on: where its generated secrets live. */
export function projectDirs(args: string[], cwd?: string): string[] {
  const dirs = [cwd ?? process.cwd()];
  args.forEach((a, i) => {
    const value = args[i + 1];
    if (value && a === '--spec') dirs.push(dirname(resolve(cwd ?? '.', value)));
    if (value && a === '--dir') dirs.push(resolve(cwd ?? '.', value));
  });
  return dirs;
}

/** The generated secrets (`.redis-arc*.secret`) in these folders. */
export function secretsIn(dirs: string[]): string[] {
  const found: string[] = [];
  for (const dir of dirs) {
    let names: string[];
    try {
      names = readdirSync(dir).filter((n) => /^\.redis-arc.*\.secret$/.test(n));
    } catch {
      continue;
    }
    for (const n of names) {
      let secret: string;
      try {
        if (!statSync(join(dir, n)).isFile()) continue; // a named pipe would wait for a writer
        secret = readFileSync(join(dir, n), 'utf8').trim();
      } catch {
        continue; // a folder or a dangling link where the secret should be: what some tests set up
      }
      if (secret.length >= 8) found.push(secret);
    }
  }
  return found;
}

/**
 * Every CLI run of the suite passes through here, so no captured output may hold a generated
 * password: a leak fails whichever test made it.
 */
export function expectNoSecret(r: { stdout: string; stderr: string }, dirs: string[]): void {
  for (const secret of secretsIn(dirs)) {
    if (r.stdout.includes(secret) || r.stderr.includes(secret))
      throw new Error(`a generated password appeared in the output of a command run in ${dirs.join(', ')}`);
  }
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
