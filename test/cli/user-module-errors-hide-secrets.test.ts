/**
 * A `--client` module runs before the topology is opened, so an error it throws quoting the
 * topology's password used to be printed in full. The passwords of the attach flags and of the
 * project are now known to the scrubber before any module loads; credentials in a URL are masked
 * whoever's they are; and a long message is masked before it is cut.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/errors/index.js';
import { cli, expectNoStackTrace, tempDir } from '../helpers/cli.js';

const PASSWORD = 'Hunter2-topology-secret';
const dir = tempDir();
const project = tempDir();
let projectPassword = '';

beforeAll(async () => {
  writeFileSync(join(dir.path, 'password'), `${PASSWORD}\n`, { mode: 0o600 });
  // Each reads the password the way an application might, then fails quoting it.
  writeFileSync(join(dir.path, 'quotes-env.mjs'), `throw new Error('login refused for ' + process.env.APP_REDIS_PASSWORD);`);
  writeFileSync(
    join(dir.path, 'quotes-file.mjs'),
    `import { readFileSync } from 'node:fs';\nthrow new Error('bad password ' + readFileSync(new URL('./password', import.meta.url), 'utf8').trim());`,
  );
  writeFileSync(join(dir.path, 'quotes-url.mjs'), `throw new Error('cannot reach redis://app:app-url-pass-9137@10.0.0.1:6379/0');`);
  // The password straddles the 300th character, where the line is cut.
  writeFileSync(join(dir.path, 'quotes-long.mjs'), `throw new Error('x'.repeat(290) + process.env.APP_REDIS_PASSWORD + ' and more');`);
  writeFileSync(join(dir.path, 'factory-quotes.mjs'), `export default (role, a) => { throw new Error('refused: ' + a.password); };`);
  const init = await cli(['init', 'sentinel', '--dir', project.path, '--port-base', '22100', '--sentinel-port-base', '22150']);
  expect(init.exitCode, init.stderr).toBe(0);
  projectPassword = readFileSync(join(project.path, '.redis-arc.secret'), 'utf8').trim();
  writeFileSync(
    join(project.path, 'quotes-secret.mjs'),
    `import { readFileSync } from 'node:fs';\nthrow new Error('auth ' + readFileSync(new URL('./.redis-arc.secret', import.meta.url), 'utf8').trim());`,
  );
});
afterAll(() => {
  dir[Symbol.dispose]();
  project[Symbol.dispose]();
});

function expectMasked(r: { exitCode: number; stdout: string; stderr: string }, secret: string, line: RegExp): void {
  expect(r.exitCode, r.stderr).toBe(EXIT.usage);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(line);
  for (const part of [secret, secret.slice(0, 8), secret.slice(-8)]) expect(r.stdout + r.stderr).not.toContain(part);
  expectNoStackTrace(r.stderr);
}

const attach = ['failover-test', '--sentinel', '127.0.0.1:1'];
const env = { APP_REDIS_PASSWORD: PASSWORD };

describe('attached by address', () => {
  it('--password: the password a module quotes is masked', async () => {
    const r = await cli([...attach, '--password', PASSWORD, '--client', './quotes-env.mjs'], { cwd: dir.path, env });
    expectMasked(r, PASSWORD, /^redis-arc: --client \.\/quotes-env\.mjs: loading it threw Error: login refused for \*\*\*$/);
  });

  it('--password-file: masked, for doctor --client and bench too', async () => {
    for (const command of [attach, ['bench', '--sentinel', '127.0.0.1:1'], ['doctor', '--sentinel', '127.0.0.1:1']]) {
      const r = await cli([...command, '--password-file', './password', '--client', './quotes-file.mjs'], { cwd: dir.path });
      expectMasked(r, PASSWORD, /loading it threw Error: bad password \*\*\*$/);
    }
  });

  it('REDIS_PASSWORD: masked', async () => {
    const r = await cli([...attach, '--client', './quotes-env.mjs'], { cwd: dir.path, env: { ...env, REDIS_PASSWORD: PASSWORD } });
    expectMasked(r, PASSWORD, /login refused for \*\*\*$/);
  });

  it('a password straddling where the line is cut leaves no part of it', async () => {
    const r = await cli([...attach, '--password', PASSWORD, '--client', './quotes-long.mjs'], { cwd: dir.path, env });
    expectMasked(r, PASSWORD, /x{290}\*\*\*…$/);
  });

  it('what connection() throws quoting the login it was given is masked', async () => {
    const r = await cli(['doctor', '--sentinel', '127.0.0.1:1', '--password', PASSWORD, '--client', './factory-quotes.mjs'], { cwd: dir.path });
    // doctor gives modules a placeholder password; the real one never reaches a module it only reads.
    expect(r.exitCode).toBe(EXIT.usage);
    expect(r.stderr).toMatch(/^redis-arc: --client \.\/factory-quotes\.mjs: connection\('producer'\) threw Error: refused: /);
    expect(r.stderr).not.toContain(PASSWORD);
  });

  it('credentials in a URL are masked even when redis-arc does not know them', async () => {
    const r = await cli([...attach, '--client', './quotes-url.mjs'], { cwd: dir.path });
    expectMasked(r, 'app-url-pass-9137', /cannot reach redis:\/\/\*\*\*@10\.0\.0\.1:6379\/0$/);
  });
});

describe("a project's password file", () => {
  it.each([['failover-test'], ['doctor']])('%s --client: the project password a module quotes is masked', async (command) => {
    const r = await cli([command, '--client', './quotes-secret.mjs'], { cwd: project.path });
    expectMasked(r, projectPassword, /^redis-arc: --client \.\/quotes-secret\.mjs: loading it threw Error: auth \*\*\*$/);
  });
});
