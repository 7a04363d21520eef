/**
 * `init --tls`: TLS-only nodes (the plain port closed) with a generated CA; probes, BullMQ and
 * redis-cli reach them over TLS with the client certificate. Sentinel (with the ACL user too),
 * cluster and standalone: redis-arc/testing's topologies with `tls: true`, on free ports.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Redis, type RedisOptions } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeConnection, connect } from '../../src/connect/connect.js';
import { EXIT } from '../../src/errors/index.js';
import { checkHealth } from '../../src/probe/health.js';
import type { StartedTopology } from '../../src/project/start.js';
import { runSmoke } from '../../src/scenarios/smoke/index.js';
import { projectTlsDir } from '../../src/security/project.js';
import { TLS_FILES } from '../../src/security/tls.js';
import { cli, expectNoStackTrace } from '../helpers/cli.js';
import { cluster, sentinel, standalone, type TestTopology } from '../../src/testing/index.js';
import { portsOf, startAll, stopAll } from '../helpers/topology.js';

/** A topology's project-level handle, with what the tests read of it. */
interface Booted extends StartedTopology {
  admin?: string;
  tlsDir?: string;
}

const booted: Record<string, Booted> = {};
let topologies: TestTopology[] = [];
/** The standalone's port and the first sentinel's, once started. */
let STANDALONE = 0;
let SENTINEL = 0;

beforeAll(async () => {
  const [s, c, st] = await startAll(
    sentinel({ tls: true, downAfterMs: 1000, acl: true }),
    cluster({ tls: true, masters: 3, replicasPerMaster: 1, nodeTimeoutMs: 1000 }),
    standalone({ tls: true }),
  );
  topologies = [s, c, st];
  for (const t of topologies) booted[t.kind] = { ...t.started, admin: t.password, tlsDir: projectTlsDir(t.started.project) };
  [SENTINEL] = portsOf(s, 'sentinel-1');
  [STANDALONE] = portsOf(st, 'redis-1');
}, 60_000);

afterAll(() => stopAll(...topologies));

/** The error a connection attempt ends with ('connected' if it does not fail). */
async function connectError(options: RedisOptions): Promise<string> {
  const c = new Redis({
    ...options,
    protocol: 2,
    disableClientInfo: true,
    lazyConnect: true,
    retryStrategy: () => null,
    maxRetriesPerRequest: 0,
    enableReadyCheck: false,
    connectTimeout: 2000,
  });
  let cause: Error | undefined;
  c.on('error', (err: Error) => (cause ??= err));
  try {
    await c.connect();
    await c.ping();
    return 'connected';
  } catch (err) {
    return (cause ?? (err as Error)).message;
  } finally {
    c.disconnect();
  }
}

describe.each(['sentinel', 'cluster', 'standalone'])('TLS on %s', (kind) => {
  it('is healthy by the probes (over TLS) and runs real BullMQ jobs', async () => {
    const b = booted[kind]!;
    expect(b.target.tls).toBeDefined();
    expect((await checkHealth(b.target)).verdict).toBe('healthy');
    const result = await runSmoke({ target: b.target, modes: ['direct'], jobs: 30, timeoutMs: 30_000 });
    expect(result.results[0]!.problems).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('serves TLS only: a plain-text client and a client without a certificate are refused', async () => {
    const b = booted[kind]!;
    const ca = readFileSync(join(b.tlsDir!, TLS_FILES.ca), 'utf8');
    for (const node of b.project.topology.nodes) {
      const ep = { host: node.host, port: node.port, password: b.admin };
      expect(await connectError(ep), `${node.id} plain`).not.toBe('connected');
      expect(await connectError({ ...ep, tls: { ca } }), `${node.id} no client cert`).not.toBe('connected');
      expect(await connectError({ ...ep, tls: b.target.tls }), `${node.id} tls`).toBe('connected');
    }
  });
});

describe('TLS details', () => {
  it('keeps the CA and keys private: folder 0700, keys 0600, git-ignored', () => {
    const b = booted.sentinel!;
    expect(statSync(b.tlsDir!).mode & 0o777).toBe(0o700);
    for (const f of [TLS_FILES.caKey, TLS_FILES.key, TLS_FILES.clientKey]) expect(statSync(join(b.tlsDir!, f)).mode & 0o777, f).toBe(0o600);
    expect(readFileSync(join(b.dir, '.gitignore'), 'utf8')).toMatch(/^\.redis-arc\/$/m);
    // The node certificate names loopback, so clients verify it against 127.0.0.1 and localhost.
    const text = execFileSync('openssl', ['x509', '-in', join(b.tlsDir!, TLS_FILES.cert), '-noout', '-ext', 'subjectAltName'], { encoding: 'utf8' });
    expect(text).toContain('IP Address:127.0.0.1');
    expect(text).toContain('DNS:localhost');
  });

  it('sentinel + ACL over TLS: BullMQ connects as the ACL user through TLS sentinels', async () => {
    const b = booted.sentinel!;
    expect(b.target.app?.username).toBe('bullmq');
    const c = connect(b.target, 'worker');
    try {
      await c.set('bull:tls-check', '1');
      expect(await c.get('bull:tls-check')).toBe('1');
      await c.del('bull:tls-check');
      expect(await c.call('CONFIG', 'GET', 'maxmemory').catch((e: Error) => e.message)).toMatch(/^NOPERM/);
    } finally {
      await closeConnection(c);
    }
  });

  it('redis-cli reaches a TLS node with --tls and the generated files', () => {
    const b = booted.standalone!;
    const out = execFileSync(
      'redis-cli',
      [
        '--tls',
        '--cacert',
        join(b.tlsDir!, TLS_FILES.ca),
        '--cert',
        join(b.tlsDir!, TLS_FILES.clientCert),
        '--key',
        join(b.tlsDir!, TLS_FILES.clientKey),
        '-p',
        String(STANDALONE),
        'PING',
      ],
      { encoding: 'utf8', env: { ...process.env, REDISCLI_AUTH: b.admin! } },
    );
    expect(out.trim()).toBe('PONG');
  });

  it('attach flags: --tls-ca/--tls-cert/--tls-key reach a TLS topology redis-arc did not start; without them it is refused', async () => {
    const b = booted.sentinel!;
    const f = (name: string) => join(b.tlsDir!, name);
    const attach = ['--sentinel', `127.0.0.1:${SENTINEL}`, '--password-file', b.project.passwordFile];
    const tlsFlags = ['--tls-ca', f(TLS_FILES.ca), '--tls-cert', f(TLS_FILES.clientCert), '--tls-key', f(TLS_FILES.clientKey)];
    const ok = await cli(['status', ...attach, ...tlsFlags, '--json']);
    expect(ok.exitCode, ok.stderr).toBe(0);
    expect(ok.stdout).not.toContain(b.admin!);
    // The attach-kind check speaks TLS too: a sentinel given as a cluster seed is named as such.
    const wrongKind = await cli(['status', '--cluster', `127.0.0.1:${SENTINEL}`, '--password-file', b.project.passwordFile, ...tlsFlags]);
    expect(wrongKind.exitCode).toBe(EXIT.usage);
    expect(wrongKind.stderr).toContain(`127.0.0.1:${SENTINEL} is a sentinel, not a cluster node; use --sentinel 127.0.0.1:${SENTINEL}`);
    const smoke = await cli(['smoke', ...attach, ...tlsFlags, '--mode', 'direct', '--jobs', '10', '--json']);
    expect(smoke.exitCode, smoke.stderr).toBe(0);
    const plain = await cli(['status', ...attach, '--json']);
    expectNoStackTrace(plain.stderr);
    expect(plain.exitCode).not.toBe(0);
    const url = await cli([
      'status',
      '--url',
      `rediss://127.0.0.1:${STANDALONE}`,
      '--password-file',
      booted.standalone!.project.passwordFile,
      ...tlsFlags.slice(0, 2),
      '--tls-cert',
      join(booted.standalone!.tlsDir!, TLS_FILES.clientCert),
      '--tls-key',
      join(booted.standalone!.tlsDir!, TLS_FILES.clientKey),
    ]);
    // A CA that did not sign the node's certificate: the client refuses the server.
    expect(url.exitCode).not.toBe(0);
    const sf = (name: string) => join(booted.standalone!.tlsDir!, name);
    const good = await cli([
      'status',
      '--url',
      `rediss://127.0.0.1:${STANDALONE}`,
      '--password-file',
      booted.standalone!.project.passwordFile,
      '--tls-ca',
      sf(TLS_FILES.ca),
      '--tls-cert',
      sf(TLS_FILES.clientCert),
      '--tls-key',
      sf(TLS_FILES.clientKey),
      '--json',
    ]);
    expect(good.exitCode, good.stderr).toBe(0);
  });

  it('`redis-arc status --json` reports healthy over TLS', async () => {
    const b = booted.cluster!;
    const r = await cli(['status', '--json'], { cwd: b.dir });
    expectNoStackTrace(r.stderr);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).verdict ?? JSON.parse(r.stdout).health?.verdict).toBe('healthy');
    expect(r.stdout).not.toContain(b.admin!);
  });
});
