/**
 * Placeholder values of --fault-cmd / --heal-cmd stay literal at any depth of quoting (issue 28):
 * inside a nested `sh -c '...'` (the `ssh host sh -c '...'` / `kubectl exec` pattern) the value is
 * in text a second shell parses, so a value a shell would act on is refused, never substituted.
 * The values come from what the topology announces: here a FaultContext's target, as the trial
 * builds it from an attached Sentinel's answer. Unknown placeholders are refused up front.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CannotRunError } from '../../src/errors/index.js';
import { inject } from '../../src/scenarios/faults/index.js';
import type { FaultContext } from '../../src/scenarios/faults/fault.js';
import { unknownPlaceholder, unsafeValue } from '../../src/scenarios/faults/placeholders.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'arc-literal-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A context as the trial builds it for an attached topology whose master is announced as `host`. */
function announced(host: string, fault: string, heal?: string): FaultContext {
  return {
    target: { id: `${host}:6379`, address: { host, port: 6379 }, role: 'master' },
    pauseMs: 1000,
    commands: { fault, ...(heal && { heal }), timeoutMs: 5000, secrets: [] },
  };
}

const refusal = (e: unknown) => (e instanceof CannotRunError ? e.message : `not refused: ${String(e)}`);

describe('a value a shell would act on', () => {
  for (const hostile of ['$(touch MARKER)', '`touch MARKER`', 'a;touch${IFS}MARKER', "x'$(touch MARKER)'", 'a b', 'h\nx']) {
    it(`is refused in one line, and nothing runs: ${JSON.stringify(hostile)}`, async () => {
      const marker = join(dir, 'injected');
      const ran = join(dir, 'ran');
      const host = hostile.replaceAll('MARKER', marker);
      // The nested pattern: the placeholder inside '...' that a second shell parses.
      const ctx = announced(host, `touch ${ran}; sh -c 'echo {host} {node}'`, `sh -c "echo {host}" > ${join(dir, 'healed')}`);
      const err = await inject('command', ctx).then(() => undefined, refusal);
      expect(err).toMatch(/^--fault-cmd\/--heal-cmd: \{(host|node)\} would be '.*', which holds characters a shell acts on; .*announce/);
      expect(err).not.toContain('\n');
      expect(existsSync(marker)).toBe(false);
      expect(existsSync(ran)).toBe(false);
      expect(existsSync(join(dir, 'healed'))).toBe(false);
    });
  }

  it('is named by its placeholder and printed safely', () => {
    const line = unsafeValue('--fault-cmd', { node: 'redis-1', host: 'ok', port: '6379', role: 'master\u001b[2J' });
    expect(line).toMatch(/^--fault-cmd: \{role\} would be 'master\\e\[2J'/);
  });
});

describe('an ordinary value', () => {
  it('reaches a nested sh -c, a double-quoted and a bare place as itself', async () => {
    const out = join(dir, 'out');
    const ctx = announced('redis-node-0.redis-headless.ns.svc', `sh -c 'echo {node} {host}:{port} {role}' > ${out}; echo "{host}" {port} >> ${out}`);
    const injected = await inject('command', ctx);
    expect(injected.faultCommand?.exitCode, injected.faultCommand?.output).toBe(0);
    await injected.heal();
    expect(readFileSync(out, 'utf8')).toBe('redis-node-0 redis-node-0.redis-headless.ns.svc:6379 master\nredis-node-0.redis-headless.ns.svc 6379\n');
  });

  it('holds IPv6 addresses and zones', () => {
    expect(unsafeValue('--fault-cmd', { node: '[fe80::1%eth0]:6379', host: 'fe80::1%eth0', port: '6379', role: 'replica' })).toBeUndefined();
  });
});

describe('unknown placeholders', () => {
  it('are refused with the one line naming it, the nearest known one and the list', () => {
    expect(unknownPlaceholder('--fault-cmd', 'kubectl delete pod {pod} --force')).toBe(
      '--fault-cmd: unknown placeholder {pod} (did you mean {node}?); the placeholders are {node} {host} {port} {role} (a literal one: \\{word})',
    );
    expect(unknownPlaceholder('--heal-cmd', 'echo {Host}')).toMatch(/^--heal-cmd: unknown placeholder \{Host\} \(did you mean \{host\}\?\); /);
    expect(unknownPlaceholder('--fault-cmd', 'kubectl -n {namespace} delete pod {node}')).toMatch(
      /^--fault-cmd: unknown placeholder \{namespace\}; the placeholders/,
    );
  });

  it('leave the shell its own braces: ${VAR}, \\{word}, {a,b}, awk programs, find {}', () => {
    for (const ok of ['echo ${HOME} {node}', 'echo \\{word}', 'echo {a,b}', "awk '{print $1}'", 'find . -exec true {} \\;', 'echo {port}'])
      expect(unknownPlaceholder('--fault-cmd', ok), ok).toBeUndefined();
  });
});
