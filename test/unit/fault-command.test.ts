/**
 * --fault-cmd / --heal-cmd through a real /bin/sh: placeholders cannot inject, exit status,
 * duration and a bounded output are recorded, a hung command is ended.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeFailure, runUserCommand, toScript, type Placeholders } from '../../src/scenarios/faults/fault-command.js';
import { parseClientList, spared } from '../../src/scenarios/faults/fault-redis.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'arc-faultcmd-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const opts = { timeoutMs: 5000, secrets: [] };

describe('placeholders', () => {
  it('reach the command as one literal word each, bare, in double quotes and in single quotes: nothing injects', async () => {
    const marker = join(dir, 'injected');
    const evil: Placeholders = {
      node: `$(touch ${marker})`,
      host: `x; touch ${marker}; echo`,
      port: `\`touch ${marker}\``,
      role: `it's "quoted" & | > ${marker} *`,
    };
    const out = join(dir, 'out');
    const cmd = `printf '%s\\n' {node} {host} {port} {role} > ${out}; printf '%s\\n' "node={node}" 'host={host}' "{role}" >> ${out}`;
    const { run } = await runUserCommand(cmd, evil, opts);
    expect(run.exitCode, run.output).toBe(0);
    expect(existsSync(marker)).toBe(false);
    expect(readFileSync(out, 'utf8').split('\n').slice(0, -1)).toEqual([
      evil.node,
      evil.host,
      evil.port,
      evil.role,
      `node=${evil.node}`,
      `host=${evil.host}`,
      evil.role,
    ]);
    // What is recorded shows the values shell-quoted in place.
    expect(run.command).toContain(`'$(touch ${marker})'`);
  });

  it('leave the rest of the command to the shell (escapes, quotes, $vars)', () => {
    expect(toScript(`echo \\'{node} '{node}' "a{port}b" $HOME`)).toBe(`echo \\'"\${REDIS_ARC_NODE}" ''"\${REDIS_ARC_NODE}"'' "a\${REDIS_ARC_PORT}b" $HOME`);
  });
});

describe('a run', () => {
  const values: Placeholders = { node: 'redis-1', host: '127.0.0.1', port: '6379', role: 'master' };

  it('records a failure as its exit status and last line, in one line', async () => {
    const { run } = await runUserCommand('echo first; echo "no such pod {node}" >&2; exit 3', values, opts);
    expect(run.exitCode).toBe(3);
    expect(describeFailure(run)).toMatch(/^exited 3 after \d+ ms: no such pod redis-1$/);
  });

  it('keeps only the tail of a long output, and scrubs the passwords', async () => {
    const { run } = await runUserCommand('head -c 100000 /dev/zero | tr "\\0" x; echo; echo the-secret-pw', values, { ...opts, secrets: ['the-secret-pw'] });
    expect(run.output.length).toBeLessThanOrEqual(4096);
    expect(run.output.trim().endsWith('***')).toBe(true);
    expect(run.output).not.toContain('the-secret-pw');
  });

  it('scrubs a password in the forms it takes in text too (escaped as in JSON), not only as written', async () => {
    const secret = 'pw"with"quotes';
    const { run } = await runUserCommand(`printf '%s\\n' '{"auth":"pw\\"with\\"quotes"}'`, values, { ...opts, secrets: [secret] });
    expect(run.exitCode, run.output).toBe(0);
    expect(run.output).toContain('***');
    expect(run.output).not.toContain('with');
  });

  it('ends a command that outlives its timeout, children included', async () => {
    const started = performance.now();
    const { run } = await runUserCommand('sleep 30 & sleep 30; echo never', values, { ...opts, timeoutMs: 300 });
    expect(run.exitCode).toBeNull();
    expect(run.signal).toBe('SIGKILL');
    expect(performance.now() - started).toBeLessThan(5000);
    expect(describeFailure(run)).toMatch(/^was killed \(SIGKILL\) after \d+ ms$/);
  });

  it('ends the command and its children when the run is interrupted (Ctrl-C), long before its timeout', async () => {
    const abort = new AbortController();
    const started = performance.now();
    setTimeout(() => abort.abort(), 200);
    const { run } = await runUserCommand('sleep 30 & sleep 30; echo never', values, { ...opts, timeoutMs: 60_000, signal: abort.signal });
    expect(run.exitCode).toBeNull();
    expect(run.signal).toBe('SIGTERM');
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

describe('connections: whom CLIENT KILL spares', () => {
  // Lines as Redis 7.0 prints them (trimmed to the fields that matter).
  const list = [
    'id=5 addr=127.0.0.1:40000 laddr=127.0.0.1:6379 fd=8 name=sentinel-7d1c2a3b-cmd age=10 flags=N db=0 cmd=ping',
    'id=6 addr=127.0.0.1:40002 laddr=127.0.0.1:6379 fd=9 name=sentinel-7d1c2a3b-pubsub age=10 flags=P db=0 cmd=subscribe',
    'id=7 addr=127.0.0.1:40004 laddr=127.0.0.1:6379 fd=10 name= age=10 flags=S db=0 cmd=replconf',
    'id=8 addr=127.0.0.1:40006 laddr=127.0.0.1:6379 fd=11 name= age=1 flags=N db=0 cmd=evalsha',
    'id=9 addr=127.0.0.1:40008 laddr=127.0.0.1:6379 fd=12 name=bull:d29ya2Vy age=1 flags=b db=0 cmd=bzpopmin',
  ].join('\n');

  it('spares replicas and sentinel links, cuts application connections (blocked ones too)', () => {
    const clients = parseClientList(list);
    expect(clients.map((c) => c.id)).toEqual(['5', '6', '7', '8', '9']);
    expect(clients.filter((c) => !spared(c)).map((c) => c.id)).toEqual(['8', '9']);
  });
});
