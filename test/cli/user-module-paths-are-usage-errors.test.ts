/**
 * A `--client` or `--workload` path that is not a module file: one line naming the flag, the
 * path and what it is instead, exit 2 (usage), no stack trace. Before, a symlink loop exited 1
 * with a line that did not name the flag, and a folder was "no such file".
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/errors/index.js';
import { cli, expectNoStackTrace, tempDir } from '../helpers/cli.js';

const dir = tempDir();
beforeAll(async () => {
  symlinkSync('loop-b.mjs', join(dir.path, 'loop-a.mjs'));
  symlinkSync('loop-a.mjs', join(dir.path, 'loop-b.mjs'));
  mkdirSync(join(dir.path, 'folder.mjs'));
  writeFileSync(join(dir.path, 'file.mjs'), 'export default () => ({});');
  await execa('mkfifo', [join(dir.path, 'pipe.mjs')]);
});
afterAll(() => dir[Symbol.dispose]());

const CASES: [string, RegExp][] = [
  ['./loop-a.mjs', /is a symbolic link loop; fix or remove the link$/],
  ['./folder.mjs', /is a folder, not a module file \(give a module path such as /],
  ['./missing.mjs', /no such file \(give a module path such as /],
  ['./file.mjs/inner.mjs', /no such file \(give a module path such as /],
  ['./pipe.mjs', /is not a regular file \(a pipe, socket or device\); give a module path such as /],
];

describe.each(['--client', '--workload'])('%s', (flag) => {
  it.each(CASES)('%s: one line naming it, exit 2', async (file, what) => {
    const t0 = Date.now();
    const r = await cli(['failover-test', '--sentinel', '127.0.0.1:1', flag, file], { cwd: dir.path });
    expect(r.exitCode, r.stderr).toBe(EXIT.usage);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]!.startsWith(`redis-arc: ${flag} ${file}: `), lines[0]).toBe(true);
    expect(lines[0]).toMatch(what);
    expectNoStackTrace(r.stderr + r.stdout);
    // A named pipe is never opened: nothing waits for a writer.
    expect(Date.now() - t0).toBeLessThan(8000);
  });
});
