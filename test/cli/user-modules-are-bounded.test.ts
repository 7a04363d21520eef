/**
 * A user's module (`--client`, `--workload`) that never finishes loading, ends the process, throws
 * in odd ways or prints while loading: one line naming the file, exit 2, no stack trace, within a
 * bound of the timeout (REDIS_ARC_MODULE_TIMEOUT_MS, 1 s here), and no output file written. Before,
 * a top-level await that never settled or a process.exit(0) made these commands exit 0 silently,
 * and a `--max-lost 0 --junit` gate passed. Nothing connects: the modules fail before.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/errors/index.js';
import { BIN, cli, expectNoStackTrace, tempDir } from '../helpers/cli.js';

const dir = tempDir();
afterAll(() => dir[Symbol.dispose]());
const TIMEOUT_MS = 1000;
const env = { REDIS_ARC_MODULE_TIMEOUT_MS: String(TIMEOUT_MS) };
/** What a run may take beyond the timeout: node's start and the CLI's imports on a busy machine. */
const BOUND_MS = TIMEOUT_MS + 8000;

const EXPORT = 'export default () => ({});';
const modules: Record<string, string> = {
  'never-loads.mjs': `await new Promise(() => {});\n${EXPORT}`,
  'never-loads-with-timer.mjs': `setInterval(() => {}, 1000);\nawait new Promise(() => {});\n${EXPORT}`,
  'exits-0.mjs': `process.exit(0);\n${EXPORT}`,
  'exits-0-from-timer.mjs': `setTimeout(() => process.exit(0), 20);\nawait new Promise((r) => setTimeout(r, 500));\n${EXPORT}`,
  'throws-from-timer.mjs': `setTimeout(() => { throw new Error('late failure'); }, 20);\nawait new Promise((r) => setTimeout(r, 500));\n${EXPORT}`,
  'rejects-unhandled.mjs': `Promise.reject(new RangeError('nobody waits for me'));\nawait new Promise((r) => setTimeout(r, 500));\n${EXPORT}`,
  'throws-object.mjs': `throw { code: 42, why: 'no config' };`,
  'throws-null.mjs': `throw null;`,
  'throws-multiline.mjs': `throw 'first line\\nsecond line';`,
  'throws-unprintable.mjs': `throw { toString() { throw new Error('no'); }, toJSON() { throw new Error('no'); } };`,
  'factory-never-returns.mjs': `export default () => new Promise(() => {});`,
  'factory-exits.mjs': `export default () => process.exit(0);`,
  'exports-a-trap.mjs': `export default new Proxy({}, { get() { throw new Error('trap'); } });`,
  'getter-throws.mjs': `export default { connection: () => ({}), get jobIds() { throw new Error('getter trap'); } };`,
  'prints-while-loading.mjs': `console.log('hello from the module');\nprocess.stdout.write('raw write\\n');\nexport default (role) => ({ host: '127.0.0.1', port: 1, maxRetriesPerRequest: role === 'worker' ? null : 1 });`,
};
for (const [name, text] of Object.entries(modules)) writeFileSync(join(dir.path, name), text);

async function run(args: string[], extraEnv: Record<string, string> = {}) {
  const t0 = Date.now();
  const r = await cli(args, { cwd: dir.path, env: { ...env, ...extraEnv } });
  return { ...r, ms: Date.now() - t0 };
}

/** One `redis-arc: ` line on stderr, the exit code, no stack trace, within the bound. */
function expectOneLine(r: Awaited<ReturnType<typeof run>>, code: number, line: RegExp): void {
  expect(r.exitCode, r.stderr).toBe(code);
  const lines = r.stderr.trim().split('\n');
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(line);
  expectNoStackTrace(r.stderr + r.stdout);
  expect(r.ms).toBeLessThan(BOUND_MS);
}

const COMMANDS: Record<string, string[]> = {
  'failover-test': ['failover-test', '--sentinel', '127.0.0.1:1'],
  bench: ['bench', '--sentinel', '127.0.0.1:1'],
  doctor: ['doctor'],
};

describe.each(Object.entries(COMMANDS))('%s --client', (_, command) => {
  it.each([
    ['./never-loads.mjs', /loading it did not finish within 1 s \(a top-level await that never settles\?\).*REDIS_ARC_MODULE_TIMEOUT_MS/],
    ['./never-loads-with-timer.mjs', /loading it did not finish within 1 s/],
    ['./exits-0.mjs', /it called process\.exit\(0\) while loading; a client module must export what redis-arc runs, not end the process$/],
    ['./exits-0-from-timer.mjs', /it called process\.exit\(0\) while loading/],
  ])('%s: one line, exit 2, within the timeout', async (file, line) => {
    const r = await run([...command, '--client', file]);
    expectOneLine(r, EXIT.usage, new RegExp(`^redis-arc: --client ${file.replace(/\./g, '\\.')}: ${line.source}`));
  });
});

describe('what a module throws while loading is its one line', () => {
  it.each([
    ['./throws-from-timer.mjs', 'loading it threw Error: late failure'],
    ['./rejects-unhandled.mjs', 'loading it threw RangeError: nobody waits for me'],
    ['./throws-object.mjs', 'loading it threw {"code":42,"why":"no config"}'],
    ['./throws-null.mjs', 'loading it threw null'],
    ['./throws-multiline.mjs', 'loading it threw first line'],
    ['./throws-unprintable.mjs', 'loading it threw [object Object]'],
  ])('%s', async (file, said) => {
    const r = await run([...COMMANDS['failover-test']!, '--client', file]);
    expectOneLine(r, EXIT.usage, new RegExp(`^redis-arc: --client ${file.replace(/\./g, '\\.')}: ${said.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
  });
});

describe("exports that throw when read (a Proxy, a getter) are the module's one line", () => {
  it.each([
    ['--client', './exports-a-trap.mjs', 'reading what it exports threw Error: trap'],
    ['--client', './getter-throws.mjs', 'reading what it exports threw Error: getter trap'],
    ['--workload', './exports-a-trap.mjs', 'reading what it exports threw Error: trap'],
  ])('%s %s', async (flag, file, said) => {
    const r = await run([...COMMANDS['failover-test']!, flag, file]);
    expectOneLine(r, EXIT.usage, new RegExp(`^redis-arc: ${flag} ${file.replace(/\./g, '\\.')}: ${said}$`));
  });
});

describe('its connection factory is bounded too', () => {
  it('a connection() that never returns: one line, exit 2', async () => {
    const r = await run(['doctor', '--client', './factory-never-returns.mjs']);
    expectOneLine(r, EXIT.usage, /^redis-arc: --client \.\/factory-never-returns\.mjs: connection\('producer'\) did not return within 1 s/);
  });

  it('a connection() that calls process.exit(0): one line, exit 2', async () => {
    const r = await run(['doctor', '--client', './factory-exits.mjs']);
    expectOneLine(r, EXIT.usage, /^redis-arc: --client \.\/factory-exits\.mjs: connection\('producer'\) called process\.exit\(0\)/);
  });
});

describe('the CI gate does not pass', () => {
  it('failover-test --max-lost 0 --junit with a module that never loads: exit 2, no JUnit file', async () => {
    const junit = join(dir.path, 'never.xml');
    const r = await run([...COMMANDS['failover-test']!, '--client', './never-loads.mjs', '--max-lost', '0', '--junit', junit]);
    expectOneLine(r, EXIT.usage, /loading it did not finish/);
    expect(existsSync(junit)).toBe(false);
  });

  it('failover-test --max-lost 0 --junit with a module that exits 0: exit 2, no JUnit file', async () => {
    const junit = join(dir.path, 'exits.xml');
    const r = await run([...COMMANDS['failover-test']!, '--client', './exits-0.mjs', '--max-lost', '0', '--junit', junit]);
    expectOneLine(r, EXIT.usage, /it called process\.exit\(0\) while loading/);
    expect(existsSync(junit)).toBe(false);
  });
});

describe('--workload modules', () => {
  it.each([
    ['./never-loads.mjs', /loading it did not finish within 1 s/],
    ['./exits-0.mjs', /it called process\.exit\(0\) while loading; a workload module must export/],
    ['./throws-object.mjs', /loading it threw \{"code":42,"why":"no config"\}$/],
  ])('%s: one line, exit 2', async (file, line) => {
    const r = await run([...COMMANDS['failover-test']!, '--workload', file]);
    expectOneLine(r, EXIT.usage, new RegExp(`^redis-arc: --workload ${file.replace(/\./g, '\\.')}: ${line.source}`));
  });
});

describe('printing while loading', () => {
  it('goes to stderr: doctor --json stays one JSON document', async () => {
    const r = await run(['doctor', '--client', './prints-while-loading.mjs', '--json']);
    expect(r.exitCode, r.stderr).toBe(EXIT.ok);
    expect(JSON.parse(r.stdout)).toMatchObject({ clients: ['./prints-while-loading.mjs'] });
    expect(r.stderr).toContain('hello from the module');
    expect(r.stderr).toContain('raw write');
  });
});

describe('REDIS_ARC_MODULE_TIMEOUT_MS', () => {
  it('a value that is not a number of ms: one line, exit 2', async () => {
    const r = await run(['doctor', '--client', './never-loads.mjs'], { REDIS_ARC_MODULE_TIMEOUT_MS: '5s' });
    expectOneLine(r, EXIT.usage, /^redis-arc: REDIS_ARC_MODULE_TIMEOUT_MS=5s: expected a whole number of milliseconds/);
  });
});

describe('Ctrl-C while a module loads', () => {
  it("is redis-arc's own: exit 130 and 'interrupted', not the module's process.exit", async () => {
    // Seen: the stand-in process.exit refused redis-arc's own exit too, and a Ctrl-C became "it called process.exit(130)", exit 2.
    const child = spawn(BIN, ['failover-test', '--sentinel', '127.0.0.1:1', '--client', './never-loads.mjs'], {
      cwd: dir.path,
      env: { ...process.env, NO_COLOR: '1', REDIS_ARC_MODULE_TIMEOUT_MS: '30000' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += String(b)));
    const exited = once(child, 'exit') as Promise<[number | null]>;
    await new Promise((r) => setTimeout(r, 1500));
    const t0 = Date.now();
    child.kill('SIGINT');
    const [code] = await exited;
    expect(code, stderr).toBe(EXIT.interrupted);
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(stderr).toMatch(/^redis-arc: interrupted/m);
    expect(stderr).not.toContain('process.exit');
    expectNoStackTrace(stderr);
  });
});
