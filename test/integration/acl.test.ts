/**
 * `init --acl`: BullMQ connects as its own ACL user, which can run BullMQ (a real smoke run on
 * sentinel and cluster) and nothing dangerous; the admin keeps working for redis-arc's probes.
 * Ports 20300-20399 (cluster bus 30330-30335). Started with startAtPorts, not redis-arc/testing: the
 * secrets test reads the files `init --acl` renders for docker (docker-compose.yml, conf/, secrets/),
 * which the library does not write for local nodes.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/errors/index.js';
import { MODES } from '../../src/events/producer.js';
import { checkHealth } from '../../src/probe/health.js';
import type { InitOptions } from '../../src/project/init.js';
import { runSmoke } from '../../src/scenarios/smoke/index.js';
import { aclPasswordPath } from '../../src/security/project.js';
import type { Kind } from '../../src/specfile/defaults.js';
import { cli, expectNoStackTrace } from '../helpers/cli.js';
import type { StartedTopology } from '../../src/project/start.js';
import { startAtPorts, stopAll } from '../helpers/topology.js';

interface Booted extends StartedTopology {
  admin?: string;
  app?: { username: string; password: string };
}

const booted: Record<string, Booted> = {};

async function start(kind: Kind, opts: InitOptions): Promise<void> {
  const b = await startAtPorts(kind, { acl: true, ...opts });
  booted[kind] = { ...b, admin: b.credentials.password, app: b.credentials.app };
}

beforeAll(async () => {
  await Promise.all([
    start('sentinel', { portBase: 20300, sentinelPortBase: 20310, downAfterMs: 1000 }),
    start('cluster', { portBase: 20330, masters: 3, replicasPerMaster: 0, nodeTimeoutMs: 1000 }),
  ]);
}, 60_000);

afterAll(() => stopAll(...Object.values(booted)));

/** One plain connection to a node, as a given user (no retries: a refusal is the answer). */
async function as(port: number, auth: { username?: string; password?: string }): Promise<Redis> {
  const c = new Redis({
    host: '127.0.0.1',
    port,
    ...auth,
    protocol: 2,
    disableClientInfo: true,
    lazyConnect: true,
    retryStrategy: () => null,
    maxRetriesPerRequest: 0,
    enableReadyCheck: false,
  });
  // ioredis rejects connect() with "Connection is closed."; the server's reply arrives as an event.
  let cause: Error | undefined;
  c.on('error', (err: Error) => (cause = err));
  try {
    await c.connect();
  } catch (err) {
    c.disconnect();
    throw cause ?? err;
  }
  return c;
}

async function refusal(p: Promise<unknown>): Promise<string> {
  return p.then(
    () => 'allowed',
    (err: Error) => err.message,
  );
}

describe.each(['sentinel', 'cluster'])('ACL user on %s', (kind) => {
  it('smoke passes as the ACL user: real BullMQ adds and processing, every mode', async () => {
    const b = booted[kind]!;
    expect(b.target.app?.username).toBe('bullmq');
    const dataPorts = b.project.topology.nodes.filter((n) => n.role !== 'sentinel').map((n) => n.port);
    const aclLog = (args: string[]) =>
      Promise.all(
        dataPorts.map(async (port) => {
          const admin = await as(port, { password: b.admin! });
          try {
            return (await admin.call('ACL', 'LOG', ...args)) as unknown[];
          } finally {
            admin.disconnect();
          }
        }),
      );
    await aclLog(['RESET']);
    const result = await runSmoke({ target: b.target, modes: [...MODES], jobs: 40, timeoutMs: 30_000 });
    for (const r of result.results) expect(r.problems, r.mode).toEqual([]);
    expect(result.ok).toBe(true);
    // Not even a refusal that BullMQ or ioredis swallowed.
    expect((await aclLog([])).flat()).toEqual([]);
  });

  it('refuses the ACL user every dangerous command and keys outside the BullMQ prefixes', async () => {
    const b = booted[kind]!;
    const port = b.project.topology.nodes[0]!.port;
    const c = await as(port, b.app!);
    try {
      for (const cmd of [
        ['FLUSHALL'],
        ['FLUSHDB'],
        ['CONFIG', 'SET', 'maxmemory', '1'],
        ['CONFIG', 'GET', 'requirepass'],
        ['KEYS', '*'],
        ['SHUTDOWN', 'NOSAVE'],
        ['CLIENT', 'KILL', 'ID', '1'],
        ['ACL', 'LIST'],
        ['MONITOR'],
        ['REPLICAOF', 'NO', 'ONE'],
        ['FUNCTION', 'FLUSH'],
        ['SCRIPT', 'FLUSH'],
      ]) {
        expect(await refusal(c.call(cmd[0]!, ...cmd.slice(1))), cmd.join(' ')).toMatch(/^NOPERM/);
      }
      expect(await refusal(c.call('SET', 'not-bullmq', '1'))).toMatch(/^NOPERM.*keys/);
      // What BullMQ itself needs, on keys it owns.
      expect(await c.call('INFO', 'server')).toContain('redis_version:');
      // Granted for Queue.getWorkers()/getQueueEvents() and Relay (README, Security).
      expect(String(await c.call('CLIENT', 'LIST'))).toContain('user=bullmq');
      const key = kind === 'cluster' ? '{bull}:acl-test' : 'bull:acl-test';
      if (kind !== 'cluster') {
        expect(await c.call('SET', key, '1')).toBe('OK');
        expect(await c.call('DEL', key)).toBe(1);
      }
    } finally {
      c.disconnect();
    }
    // The admin (default user) keeps every right redis-arc's probes and faults use.
    const admin = await as(port, { password: b.admin! });
    try {
      expect(String(await admin.call('CONFIG', 'GET', 'maxmemory-policy'))).toContain('noeviction');
    } finally {
      admin.disconnect();
    }
    expect((await checkHealth(b.target)).verdict).toBe('healthy');
  });

  it('refuses a connection without a password, or with a wrong one', async () => {
    const b = booted[kind]!;
    const port = b.project.topology.nodes[0]!.port;
    const anon = await as(port, {});
    try {
      expect(await refusal(anon.call('GET', 'bull:x'))).toMatch(/^NOAUTH/);
    } finally {
      anon.disconnect();
    }
    expect(await refusal(as(port, { username: 'bullmq', password: 'wrong' }))).toMatch(/WRONGPASS/);
    // The ACL password is not the admin's, and the admin's is not the ACL user's.
    expect(await refusal(as(port, { username: 'bullmq', password: b.admin! }))).toMatch(/WRONGPASS/);
  });
});

describe('ACL user on the sentinels', () => {
  it('may ask where the master is, never reconfigure or fail over', async () => {
    const b = booted.sentinel!;
    const sentinel = b.project.topology.nodes.find((n) => n.role === 'sentinel')!;
    const c = await as(sentinel.port, b.app!);
    try {
      expect(await c.call('SENTINEL', 'GET-MASTER-ADDR-BY-NAME', 'mymaster')).toEqual(['127.0.0.1', '20300']);
      for (const cmd of [
        ['SENTINEL', 'FAILOVER', 'mymaster'],
        ['SENTINEL', 'SET', 'mymaster', 'quorum', '1'],
        ['SENTINEL', 'RESET', '*'],
        ['SENTINEL', 'REMOVE', 'mymaster'],
        ['SENTINEL', 'CONFIG', 'SET', 'resolve-hostnames', 'yes'],
        ['SHUTDOWN'],
      ]) {
        expect(await refusal(c.call(cmd[0]!, ...cmd.slice(1))), cmd.join(' ')).toMatch(/^NOPERM/);
      }
    } finally {
      c.disconnect();
    }
  });
});

describe('ACL secrets', () => {
  it('keeps the ACL password in its own 0600, git-ignored file, hashed in the auth include, absent from committed files', async () => {
    const b = booted.sentinel!;
    const file = aclPasswordPath(b.project);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(b.dir, '.gitignore'), 'utf8')).toContain('.redis-arc.bullmq.secret');
    const password = b.app!.password;
    expect(password).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(password).not.toBe(b.admin);
    const committed = ['redis-arc.yaml', 'docker-compose.yml', ...readdirSync(join(b.dir, 'conf')).map((f) => join('conf', f))];
    for (const f of committed) expect(readFileSync(join(b.dir, f), 'utf8'), f).not.toContain(password);
    for (const f of ['secrets/auth.conf', 'secrets/sentinel-auth.conf', '.redis-arc/local/auth.conf', '.redis-arc/local/sentinel-auth.conf']) {
      const text = readFileSync(join(b.dir, f), 'utf8');
      expect(text, f).toMatch(/^user bullmq on #[0-9a-f]{64} /m);
      expect(text, f).not.toContain(password);
    }
  });

  it('attach: --user/--user-password-file run smoke as the ACL user on a topology given by address', async () => {
    const b = booted.sentinel!;
    const attach = ['--sentinel', '127.0.0.1:20310', '--password-file', b.project.passwordFile, '--user', 'bullmq'];
    const ok = await cli(['smoke', ...attach, '--user-password-file', aclPasswordPath(b.project), '--mode', 'direct', '--jobs', '10', '--json']);
    expect(ok.exitCode, ok.stderr).toBe(0);
    // The admin's password is not the ACL user's: BullMQ's side is refused.
    const wrong = await cli([
      'smoke',
      ...attach,
      '--user-password-file',
      b.project.passwordFile,
      '--mode',
      'direct',
      '--jobs',
      '5',
      '--timeout',
      '5',
      '--json',
    ]);
    expectNoStackTrace(wrong.stderr);
    expect(wrong.exitCode).toBe(EXIT.unreachable);
    expect(wrong.stderr).toContain('ACL user bullmq: 127.0.0.1:20310 refused the login (WRONGPASS');
    expect(wrong.stdout + wrong.stderr).not.toContain(b.admin!);
    const missing = await cli(['smoke', ...attach, '--mode', 'direct']);
    expect(missing.exitCode).toBe(EXIT.usage);
    expect(missing.stderr).toContain('--user bullmq needs --user-password-file');
  });

  it('`redis-arc smoke` from the CLI runs as the ACL user and prints no password', async () => {
    const b = booted.sentinel!;
    const r = await cli(['smoke', '--mode', 'direct', '--jobs', '20', '--json'], { cwd: b.dir });
    expectNoStackTrace(r.stderr);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).ok).toBe(true);
    for (const text of [r.stdout, r.stderr]) {
      expect(text).not.toContain(b.app!.password);
      expect(text).not.toContain(b.admin!);
    }
  });

  it('a project whose ACL password file no longer matches fails at once instead of hanging in BullMQ', async () => {
    const b = booted.sentinel!;
    const file = aclPasswordPath(b.project);
    const kept = readFileSync(file, 'utf8');
    writeFileSync(file, 'not-the-acl-password\n');
    try {
      const r = await cli(['smoke', '--mode', 'direct', '--jobs', '5'], { cwd: b.dir });
      expectNoStackTrace(r.stderr);
      expect(r.exitCode).toBe(EXIT.unreachable);
      expect(r.stderr).toMatch(/^redis-arc: ACL user bullmq: 127\.0\.0\.1:20310 refused the login \(WRONGPASS.*check .*\(auth\.acl\.passwordFile\)$/m);
    } finally {
      writeFileSync(file, kept);
    }
  });
});
