import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect } from 'vitest';
import { expectNoStackTrace, type CliResult } from './cli.js';

/** Every entry under `dir`: content hash (or link target) and mode, to prove nothing was touched. */
export function fileState(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      const st = lstatSync(path);
      const mode = (st.mode & 0o7777).toString(8);
      const key = relative(dir, path);
      if (st.isSymbolicLink()) out[key] = `link ${readlinkSync(path)}`;
      else if (st.isFIFO())
        out[key] = `fifo ${mode}`; // reading it would wait for a writer
      else if (st.isDirectory()) {
        out[key] = `dir ${mode}`;
        walk(path);
      } else out[key] = `file ${mode} ${createHash('sha256').update(readFileSync(path)).digest('hex')}`;
    }
  };
  walk(dir);
  return out;
}

/** The promise for bad input: the exit code, exactly one `redis-arc:` line matching `line`, no stack trace. */
export function expectOneLine(r: CliResult, exit: number, line: RegExp): void {
  const lines = r.stderr.split('\n').filter((l) => l.startsWith('redis-arc:'));
  expect(r.exitCode, r.stderr).toBe(exit);
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(line);
  expectNoStackTrace(r.stderr + r.stdout);
  // Nothing raw reaches the terminal: no escape or other control character besides newline.

  expect(r.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
}
