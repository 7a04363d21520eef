/**
 * NO_COLOR is honoured on a terminal: `status` under a pseudo-terminal (util-linux `script`)
 * prints colour without it and none with it; a pseudo-terminal of 0 columns gets plain progress
 * lines. Ports 9110-9112 (nothing runs there).
 */
import { execSync } from 'node:child_process';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { BIN, cli, tempDir } from '../helpers/cli.js';

const hasScript = (() => {
  try {
    execSync('command -v script', { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const SGR = /\x1b\[[0-9;]*m/;

/** Run the CLI on a pseudo-terminal with exactly these colour variables (and no CI=true, which turns chalk's colours off). */
async function onTerminal(args: string[], env: Record<string, string>): Promise<string> {
  return (await terminalRun(args, env)).stdout;
}

async function terminalRun(args: string[], env: Record<string, string>): Promise<{ stdout: string; exitCode: number | undefined; timedOut: boolean }> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NO_COLOR' && k !== 'FORCE_COLOR' && k !== 'CI'));
  const r = await execa('script', ['-qec', [BIN, ...args].map((a) => `'${a}'`).join(' '), '/dev/null'], {
    env: { ...clean, ...env, TERM: 'xterm-256color' },
    extendEnv: false,
    reject: false,
    timeout: 30_000,
  });
  return { stdout: String(r.stdout), exitCode: r.exitCode, timedOut: !!r.timedOut };
}

describe.skipIf(!hasScript)('NO_COLOR', () => {
  it('turns every colour off in status on a terminal, tables included', async () => {
    using dir = tempDir('arc-nocolor-');
    expect((await cli(['init', 'standalone', '--port-base', '9110', '--dir', dir.path])).exitCode).toBe(0);
    const spec = join(dir.path, 'redis-arc.yaml');
    const coloured = await onTerminal(['status', '--spec', spec], {});
    expect(coloured).toContain('DOWN');
    expect(coloured).toMatch(SGR);
    const plain = await onTerminal(['status', '--spec', spec], { NO_COLOR: '1' });
    expect(plain).toContain('DOWN');
    expect(plain).not.toMatch(SGR);
  });
});

describe.skipIf(!hasScript)('a terminal nobody sized (0 columns)', () => {
  it('gets plain progress lines instead of a spinner that never ends', async () => {
    using dir = tempDir('arc-cols-');
    expect((await cli(['init', 'standalone', '--port-base', '9112', '--dir', dir.path])).exitCode).toBe(0);
    const r = await terminalRun(['down', '--spec', join(dir.path, 'redis-arc.yaml')], { NO_COLOR: '1' });
    expect(r.timedOut).toBe(false);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('… stopping arc');
  });
});
