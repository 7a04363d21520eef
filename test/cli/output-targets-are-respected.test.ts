/**
 * An output file flag (`report -o`, and through the same writer bench --json, failover-test
 * --junit, --report) pointed at something that is not a regular file: a pipe or a character
 * device is written into as a shell's `>` would, never replaced by a regular file (as root, the old
 * rename replaced /dev/full itself); a link's target is replaced and the link kept; a socket, a
 * dangling link, a full or read-only file system are one line each naming the real cause (every
 * failure used to say "cannot be used (EIO)"). Each case: the exit code, one line, no stack trace,
 * in bounded time, and what is on disk afterwards. The devices are the test's own nodes
 * (mknod in its folder: root only), so a regression replaces them, not /dev's.
 */
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, copyFileSync, lstatSync, mkdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, cli, expectNoStackTrace, tempDir } from '../helpers/cli.js';
import { expectOneLine } from '../helpers/file-state.js';

const root = process.getuid?.() === 0;
const fixture = join(import.meta.dirname, '../fixtures/failover-result.json');
const dir = tempDir('arc-targets-');
const mounts: string[] = [];
let server: Server | undefined;

beforeAll(() => copyFileSync(fixture, join(dir.path, 'result.json')));
afterAll(() => {
  for (const m of mounts) execFileSync('umount', [m]);
  server?.close();
  dir[Symbol.dispose]();
});

const report = (out: string, ...more: string[]) => cli(['report', join(dir.path, 'result.json'), '-o', out, ...more]);
const kind = (p: string) => {
  const st = lstatSync(p);
  return st.isSymbolicLink() ? 'link' : st.isFIFO() ? 'fifo' : st.isCharacterDevice() ? 'char' : st.isFile() ? 'file' : 'other';
};

/** A tmpfs of our own (root only): `opts` e.g. 'ro' or 'size=8k'. */
function mountTmpfs(name: string, opts: string): string {
  const at = join(dir.path, name);
  mkdirSync(at);
  execFileSync('mount', ['-t', 'tmpfs', '-o', opts, 'tmpfs', at]);
  mounts.push(at);
  return at;
}

describe.skipIf(!root)('a character device is written into, never replaced', () => {
  it('with --force onto a null device: written, the node stays a device', async () => {
    const dev = join(dir.path, 'null');
    execFileSync('mknod', ['-m', '666', dev, 'c', '1', '3']);
    const r = await report(dev, '--force');
    expect(r.exitCode, r.stderr).toBe(0);
    expect(kind(dev)).toBe('char');
  });

  it('without --force too: a device holds nothing of the user to overwrite', async () => {
    const dev = join(dir.path, 'null2');
    execFileSync('mknod', ['-m', '666', dev, 'c', '1', '3']);
    const r = await report(dev);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(kind(dev)).toBe('char');
  });

  it('a full device: one line "no space left", exit 1, the node stays a device', async () => {
    const dev = join(dir.path, 'full');
    execFileSync('mknod', ['-m', '666', dev, 'c', '1', '7']);
    const t0 = Date.now();
    const r = await report(dev, '--force');
    expectOneLine(r, 1, /^redis-arc: .*full \(--out file\): no space left on the device; free some space and retry$/);
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(kind(dev)).toBe('char');
  });
});

describe('a pipe is written into, never replaced', () => {
  it('a link to /dev/stdout: the page goes to stdout, the link stays', async () => {
    const link = join(dir.path, 'to-stdout');
    symlinkSync('/dev/stdout', link);
    const r = await report(link, '--force');
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^<!doctype html>/i);
    expect(readlinkSync(link)).toBe('/dev/stdout');
  });

  it('a FIFO with a reader: the reader gets the whole page, the FIFO stays', async () => {
    const fifo = join(dir.path, 'fifo-read');
    execFileSync('mkfifo', [fifo]);
    const reader = spawn('cat', [fifo]);
    let got = '';
    reader.stdout.on('data', (c: Buffer) => (got += c.toString()));
    const closed = new Promise((r) => reader.on('close', r));
    const r = await report(fifo);
    await closed;
    expect(r.exitCode, r.stderr).toBe(0);
    expect(got).toMatch(/^<!doctype html>[\s\S]*<\/html>\s*$/i);
    expect(kind(fifo)).toBe('fifo');
  });

  it('a FIFO nothing reads: one line saying so at once, the FIFO stays', async () => {
    const fifo = join(dir.path, 'fifo-none');
    execFileSync('mkfifo', [fifo]);
    const t0 = Date.now();
    const r = await report(fifo, '--force');
    expectOneLine(r, 1, /^redis-arc: .*fifo-none \(--out file\): is a named pipe or device with nothing on its other end; start its reader first/);
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(kind(fifo)).toBe('fifo');
  });
});

describe('links, sockets and missing places', () => {
  it('a link to a file of the user: with --force the file is replaced, the link kept', async () => {
    const target = join(dir.path, 'mine.html');
    writeFileSync(target, 'old');
    const link = join(dir.path, 'link.html');
    symlinkSync(target, link);
    const r = await report(link, '--force');
    expect(r.exitCode, r.stderr).toBe(0);
    expect(kind(link)).toBe('link');
    expect(readFileSync(target, 'utf8')).toMatch(/^<!doctype html>/i);
  });

  it('a dangling link: one line naming where it points, the link kept', async () => {
    const link = join(dir.path, 'dangling.html');
    symlinkSync(join(dir.path, 'nowhere/x.html'), link);
    const r = await report(link, '--force');
    expectOneLine(r, 1, /dangling\.html \(--out file\): is a symbolic link to .*nowhere\/x\.html, which does not exist; fix or remove the link$/);
    expect(kind(link)).toBe('link');
  });

  it('a socket: refused in one line, left as it is', async () => {
    const sock = join(dir.path, 'sock');
    server = createServer();
    await new Promise<void>((r) => server?.listen(sock, r));
    const r = await report(sock, '--force');
    expectOneLine(r, 1, /^redis-arc: --out .*sock: is a socket; redis-arc writes only a file, a pipe or a terminal/);
    expect(lstatSync(sock).isSocket()).toBe(true);
  });

  it('a folder that does not exist: ENOENT in words, nothing created', async () => {
    const r = await report(join(dir.path, 'gone/x.html'));
    expectOneLine(r, 1, /gone \(the folder for --out\): does not exist .*create it or fix the path$/);
    expect(() => lstatSync(join(dir.path, 'gone'))).toThrow();
  });
});

describe.skipIf(!root)('a file system that refuses: the real cause, not EIO', () => {
  it('read-only: EROFS in words', async () => {
    const ro = mountTmpfs('ro', 'ro,size=64k');
    const r = await report(join(ro, 'x.html'));
    expectOneLine(r, 1, /ro\/x\.html \(--out file\): is on a read-only file system; choose a writable folder/);
    expect(r.stderr).not.toContain('EIO');
  });

  it('full: ENOSPC in words, no temp file left behind', async () => {
    const small = mountTmpfs('small', 'size=8k');
    const r = await report(join(small, 'x.html'));
    expectOneLine(r, 1, /small\/x\.html \(--out file\): no space left on the device; free some space and retry$/);
    expect(execFileSync('ls', ['-A', small]).toString()).toBe('');
  });

  it('not writable by the user (run as nobody): EACCES in words', async () => {
    const locked = join(dir.path, 'locked');
    mkdirSync(locked, { mode: 0o555 });
    // nobody must reach the result it reads: the test's folder is 0700.
    chmodSync(dir.path, 0o755);
    chmodSync(join(dir.path, 'result.json'), 0o644);
    // As root every folder is writable: run the CLI as nobody (setpriv ships with util-linux).
    let r: { exitCode: number; stderr: string; stdout: string };
    try {
      const out = execFileSync(
        'setpriv',
        ['--reuid=65534', '--regid=65534', '--clear-groups', BIN, 'report', join(dir.path, 'result.json'), '-o', join(locked, 'x.html')],
        {
          env: { ...process.env, NO_COLOR: '1' },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      r = { exitCode: 0, stdout: out.toString(), stderr: '' };
    } catch (err) {
      const e = err as { status: number; stdout: Buffer; stderr: Buffer };
      r = { exitCode: e.status, stdout: e.stdout.toString(), stderr: e.stderr.toString() };
    }
    expectOneLine(r, 1, /locked.*(is not writable by this user|permission denied)/);
    expectNoStackTrace(r.stderr);
    expect(execFileSync('ls', ['-A', locked]).toString()).toBe('');
  });
});
