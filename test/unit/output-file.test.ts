/** An output file replaced with --force keeps its owner's mode, also when the flag names a symbolic link. */
import { chmodSync, lstatSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeOutputFile } from '../../src/report/output-file.js';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('writeOutputFile', () => {
  it('gives a new file 0644 and keeps the mode of a replaced one', async () => {
    dir = mkdtempSync(join(tmpdir(), 'arc-outfile-'));
    const fresh = join(dir, 'fresh.json');
    await writeOutputFile(fresh, '{}\n', '--json', false);
    expect(lstatSync(fresh).mode & 0o777).toBe(0o644);
    const mine = join(dir, 'mine.json');
    writeFileSync(mine, 'old\n');
    chmodSync(mine, 0o640);
    await writeOutputFile(mine, 'new\n', '--json', true);
    expect(readFileSync(mine, 'utf8')).toBe('new\n');
    expect(lstatSync(mine).mode & 0o777).toBe(0o640);
  });

  it('with --force through a symbolic link: the link stays, its file is replaced and keeps its mode (never world-writable)', async () => {
    dir = mkdtempSync(join(tmpdir(), 'arc-outfile-'));
    const target = join(dir, 'target.json');
    writeFileSync(target, 'theirs\n');
    chmodSync(target, 0o600);
    const link = join(dir, 'out.json');
    symlinkSync(target, link);
    await writeOutputFile(link, 'new\n', '--json', true);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(lstatSync(target).mode & 0o777).toBe(0o600);
    expect(readFileSync(target, 'utf8')).toBe('new\n');
  });

  it('refuses an existing file without --force', async () => {
    dir = mkdtempSync(join(tmpdir(), 'arc-outfile-'));
    const mine = join(dir, 'mine.json');
    writeFileSync(mine, 'old\n');
    await expect(writeOutputFile(mine, 'new\n', '--json', false)).rejects.toThrow(/refusing to overwrite .*mine\.json; pass --force/);
    expect(readFileSync(mine, 'utf8')).toBe('old\n');
  });
});
