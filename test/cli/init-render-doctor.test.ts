import { readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { cli, expectNoStackTrace, tempDir } from '../helpers/cli.js';
import { composeValidator } from '../helpers/compose-schema.js';

const validate = composeValidator();
const mode = (path: string) => statSync(path).mode & 0o777;
const editSpec = (spec: string, from: string, to: string) => writeFileSync(spec, readFileSync(spec, 'utf8').replace(from, to));

/** A sentinel project from `init` in `dir` with one edit made to its spec; returns the spec's path. */
async function sentinelSpecWith(dir: string, from: string, to: string): Promise<string> {
  await cli(['init', 'sentinel', '--dir', dir]);
  const spec = join(dir, 'redis-arc.yaml');
  editSpec(spec, from, to);
  return spec;
}

describe('redis-arc init', () => {
  it.each(['standalone', 'sentinel', 'cluster'])('init %s writes a spec, schema-valid compose, confs and 0600 secrets', async (kind) => {
    using dir = tempDir();
    const r = await cli(['init', kind, '--dir', dir.path]);
    expect(r.exitCode, r.stderr).toBe(0);
    const compose = parse(readFileSync(join(dir.path, 'docker-compose.yml'), 'utf8'));
    expect(validate(compose)).toEqual([]);
    expect(existsSync(join(dir.path, 'redis-arc.yaml'))).toBe(true);
    const password = readFileSync(join(dir.path, '.redis-arc.secret'), 'utf8').trim();
    expect(password.length).toBeGreaterThanOrEqual(32);
    for (const secret of ['.redis-arc.secret', '.env', 'secrets/auth.conf']) expect(mode(join(dir.path, secret)), secret).toBe(0o600);
    expect(r.stdout + r.stderr).not.toContain(password);
    const ignored = readFileSync(join(dir.path, '.gitignore'), 'utf8');
    for (const line of ['.redis-arc.secret', '.env', 'secrets/']) expect(ignored).toContain(line);
  });

  it('refuses to overwrite an existing spec without --force, and leaves it as it was', async () => {
    using dir = tempDir();
    expect((await cli(['init', 'sentinel', '--dir', dir.path])).exitCode).toBe(0);
    const before = readFileSync(join(dir.path, 'redis-arc.yaml'), 'utf8');
    const r = await cli(['init', 'sentinel', '--replicas', '1', '--dir', dir.path]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('refusing to overwrite');
    expect(r.stderr).toContain('redis-arc.yaml');
    expect(readFileSync(join(dir.path, 'redis-arc.yaml'), 'utf8')).toBe(before);
    const forced = await cli(['init', 'sentinel', '--replicas', '1', '--dir', dir.path, '--force']);
    expect(forced.exitCode).toBe(0);
    expect(readFileSync(join(dir.path, 'redis-arc.yaml'), 'utf8')).toContain('replicas: 1');
  });

  it('refuses to replace a docker-compose.yml the user wrote, before writing anything', async () => {
    using dir = tempDir();
    writeFileSync(join(dir.path, 'docker-compose.yml'), 'services: {}\n');
    const r = await cli(['init', 'cluster', '--dir', dir.path]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('docker-compose.yml');
    expect(existsSync(join(dir.path, 'redis-arc.yaml'))).toBe(false);
    expect(readFileSync(join(dir.path, 'docker-compose.yml'), 'utf8')).toBe('services: {}\n');
  });

  it('keeps the password when the spec is re-initialised with --force', async () => {
    using dir = tempDir();
    await cli(['init', 'sentinel', '--dir', dir.path]);
    const first = readFileSync(join(dir.path, '.redis-arc.secret'), 'utf8');
    await cli(['init', 'sentinel', '--sentinels', '5', '--dir', dir.path, '--force']);
    expect(readFileSync(join(dir.path, '.redis-arc.secret'), 'utf8')).toBe(first);
  });

  it("keeps the mode of a password file the user made (0400 stays 0400, it is not 'tightened' to 0600)", async () => {
    using dir = tempDir();
    writeFileSync(join(dir.path, '.redis-arc.secret'), 'a-password-the-user-chose\n', { mode: 0o400 });
    const r = await cli(['init', 'standalone', '--dir', dir.path]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(mode(join(dir.path, '.redis-arc.secret'))).toBe(0o400);
    expect(readFileSync(join(dir.path, '.redis-arc.secret'), 'utf8')).toBe('a-password-the-user-chose\n');
  });

  it.each([
    [['init', 'sentinal'], 2, "command-argument value 'sentinal' is invalid"],
    [['init', 'sentinel', '--replicas', 'two'], 2, "expected a whole number, got 'two'"],
    [['init', 'sentinel', '--sentinels', '0'], 2, '0 is out of range (1-15)'],
    [['init', 'sentinel', '--port-base', '80'], 2, '80 is out of range (1024-65535)'],
    [['init', 'cluster', '--sentinels', '3'], 2, '--sentinels applies to sentinel topologies, not cluster'],
    [['init', 'standalone', '--masters', '3'], 2, '--masters applies to cluster topologies, not standalone'],
    [['init', 'sentinel', '--quorum', '4'], 2, 'sentinel.quorum: 4 is more than sentinels (3)'],
    [['init', 'cluster', '--port-base', '60000'], 2, 'run past 65535'],
    [['init', 'sentinel', '--bogus'], 2, "unknown option '--bogus'"],
    [['frobnicate'], 2, "unknown command 'frobnicate'"],
  ])('%j fails with exit %i and one clear line', async (args, code, message) => {
    using dir = tempDir();
    const r = await cli(
      [...args, '--dir', dir.path].filter((a, i, all) => !(a === '--dir' && all[0] !== 'init') && !(all[0] !== 'init' && all[i - 1] === '--dir')),
    );
    expect(r.exitCode).toBe(code);
    expect(r.stderr).toContain(message);
    expectNoStackTrace(r.stderr);
    expect(existsSync(join(dir.path, 'redis-arc.yaml'))).toBe(false);
  });
});

describe('redis-arc render', () => {
  it('re-renders after a spec edit and refuses to replace a hand-edited file without --force', async () => {
    using dir = tempDir();
    const spec = await sentinelSpecWith(dir.path, 'downAfterMs: 5000', 'downAfterMs: 2000');
    const r = await cli(['render', '--spec', spec]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(readFileSync(join(dir.path, 'conf/sentinel-1.conf'), 'utf8')).toContain('down-after-milliseconds mymaster 2000');

    const conf = join(dir.path, 'conf/redis-1.conf');
    writeFileSync(conf, `${readFileSync(conf, 'utf8')}# my tweak\n`);
    editSpec(spec, 'maxmemory: 1gb', 'maxmemory: 2gb');
    const refused = await cli(['render', '--spec', spec]);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain('conf/redis-1.conf');
    expect(readFileSync(conf, 'utf8')).toContain('# my tweak');
    expect((await cli(['render', '--spec', spec, '--force'])).exitCode).toBe(0);
    expect(readFileSync(conf, 'utf8')).not.toContain('# my tweak');
  });

  it('renders from a user templates folder, falling back to the built-ins for missing files', async () => {
    using dir = tempDir();
    await cli(['init', 'standalone', '--dir', dir.path]);
    const own = join(dir.path, 'tpl');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(own, 'standalone'), { recursive: true });
    writeFileSync(join(own, 'standalone', 'redis.conf'), '# custom {{id}}\n{{> redis-base}}\n');
    const r = await cli(['render', '--spec', join(dir.path, 'redis-arc.yaml'), '--templates', own, '--force', '--out', join(dir.path, 'out')]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(readFileSync(join(dir.path, 'out/conf/redis-1.conf'), 'utf8')).toMatch(/^# custom redis-1/);
    expect(validate(parse(readFileSync(join(dir.path, 'out/docker-compose.yml'), 'utf8')))).toEqual([]);
  });

  it('--target kubernetes writes committable manifests into kubernetes/, the secrets 0600 and git-ignored, and a re-render changes nothing', async () => {
    using dir = tempDir();
    await cli(['init', 'cluster', '--dir', dir.path, '--acl']);
    const spec = join(dir.path, 'redis-arc.yaml');
    const r = await cli(['render', '--spec', spec, '--target', 'kubernetes', '--json']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).written).toEqual(['manifests.yaml', 'secrets/password', 'secrets/auth.conf', 'kustomization.yaml']);
    const out = join(dir.path, 'kubernetes');
    const password = readFileSync(join(dir.path, '.redis-arc.secret'), 'utf8').trim();
    for (const f of ['manifests.yaml', 'kustomization.yaml']) expect(readFileSync(join(out, f), 'utf8'), f).not.toContain(password);
    expect(readFileSync(join(out, 'secrets/password'), 'utf8')).toBe(password);
    for (const f of ['secrets/password', 'secrets/auth.conf']) expect(mode(join(out, f)), f).toBe(0o600);
    expect(readFileSync(join(out, '.gitignore'), 'utf8').split('\n')).toContain('secrets/');
    const again = await cli(['render', '--spec', spec, '--target', 'kubernetes', '--json']);
    expect(JSON.parse(again.stdout).written).toEqual([]);
    const bad = await cli(['render', '--spec', spec, '--target', 'helm']);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toMatch(/--target.*helm.*compose, kubernetes/);
  });

  it('names a missing spec in one line', async () => {
    using dir = tempDir();
    const r = await cli(['render'], { cwd: dir.path });
    expect(r.exitCode).toBe(1);
    expect(r.stderr.trim()).toMatch(/^redis-arc: .*redis-arc\.yaml: no such spec; run `redis-arc init sentinel`/);
  });
});

describe('redis-arc doctor', () => {
  it('flags the seed analysis’ allkeys-lru as an error and exits 1', async () => {
    using dir = tempDir();
    const spec = await sentinelSpecWith(dir.path, 'maxmemoryPolicy: noeviction', 'maxmemoryPolicy: allkeys-lru');
    const r = await cli(['doctor', '--no-live', '--spec', spec]);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/error\s+persistence\.maxmemoryPolicy: allkeys-lru evicts keys/);
    expect(r.stdout).toContain('fix: set persistence.maxmemoryPolicy: noeviction');
    const json = JSON.parse((await cli(['doctor', '--no-live', '--spec', spec, '--json'])).stdout);
    expect(json.errors).toBe(1);
    expect(json.findings.find((f: { rule: string }) => f.rule === 'maxmemory-policy').severity).toBe('error');
  });

  it('passes a default spec, and warns about an even sentinel count, a minority quorum and a flapping down-after', async () => {
    using dir = tempDir();
    await cli(['init', 'sentinel', '--dir', dir.path]);
    expect((await cli(['doctor', '--no-live', '--spec', join(dir.path, 'redis-arc.yaml')])).exitCode).toBe(0);
    await cli(['init', 'sentinel', '--sentinels', '4', '--quorum', '2', '--down-after', '200', '--no-auth', '--dir', dir.path, '--force']);
    const r = await cli(['doctor', '--no-live', '--spec', join(dir.path, 'redis-arc.yaml'), '--json']);
    expect(r.exitCode).toBe(0);
    const rules = JSON.parse(r.stdout).findings.map((f: { rule: string }) => f.rule);
    expect(rules).toEqual(expect.arrayContaining(['sentinel-count', 'sentinel-quorum', 'down-after', 'auth']));
  });

  it('errors on a cluster with fewer than 3 masters', async () => {
    using dir = tempDir();
    await cli(['init', 'cluster', '--masters', '2', '--dir', dir.path]);
    const r = await cli(['doctor', '--no-live', '--spec', join(dir.path, 'redis-arc.yaml')]);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('cluster.masters');
  });

  it('answers a broken spec with one line per problem and exit 1, no stack trace', async () => {
    using dir = tempDir();
    const spec = join(dir.path, 'redis-arc.yaml');
    writeFileSync(spec, 'kind: sentinel\nsentinel:\n  quorom: 2\n');
    const r = await cli(['doctor', '--no-live', '--spec', spec]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr.trim()).toBe("redis-arc: redis-arc.yaml:3: sentinel.quorom: unknown key (did you mean 'quorum'?)");
  });
});

describe('redis-arc --help', () => {
  it('lists every command, with examples', async () => {
    const r = await cli(['--help']);
    expect(r.exitCode).toBe(0);
    for (const cmd of ['init', 'render', 'doctor']) expect(r.stdout).toMatch(new RegExp(`\\$ redis-arc ${cmd}`));
    for (const cmd of ['init', 'render', 'doctor']) {
      const sub = await cli([cmd, '--help']);
      expect(sub.exitCode).toBe(0);
      expect(sub.stdout).toContain('Examples:');
    }
  });
});
