import { spawn } from 'node:child_process';
import { redact } from '../../errors/redact.js';
import type { CommandRun } from './fault.js';

/** The output kept of a user's command: its tail, where the error usually is. */
const OUTPUT_KEPT_CHARS = 4096;
const PLACEHOLDER = /\{(node|host|port|role)\}/g;

export type Placeholders = Record<'node' | 'host' | 'port' | 'role', string>;

/** A value as one shell word: single quotes, and a quote inside written '\''. */
const shellQuote = (v: string): string => `'${v.replaceAll("'", `'\\''`)}'`;

/**
 * The command run: each placeholder becomes a reference to an environment variable
 * (REDIS_ARC_NODE ...), never the value itself, so the shell expands it and never parses it: a
 * value cannot inject, wherever the user put the placeholder. The reference is quoted to suit
 * the placeholder's place (bare, inside "..." or inside '...'), so the value stays one word.
 * The same variables are there for scripts.
 */
export function toScript(template: string): string {
  let out = '';
  let quote: '' | "'" | '"' = '';
  for (let i = 0; i < template.length; i++) {
    const rest = template.slice(i);
    const m = /^\{(node|host|port|role)\}/.exec(rest);
    if (m) {
      const v = `\${REDIS_ARC_${m[0].slice(1, -1).toUpperCase()}}`;
      out += quote === '"' ? v : quote === "'" ? `'"${v}"'` : `"${v}"`;
      i += m[0].length - 1;
      continue;
    }
    const ch = template.charAt(i);
    if (ch === '\\' && quote !== "'") {
      out += template.slice(i, i + 2);
      i++;
      continue;
    }
    if ((ch === "'" || ch === '"') && (quote === '' || quote === ch)) quote = quote ? '' : ch;
    out += ch;
  }
  return out;
}

/** What the command amounts to, for the record: the values shell-quoted in place. */
function expandForDisplay(template: string, values: Placeholders): string {
  return template.replace(PLACEHOLDER, (_m, name: keyof Placeholders) => shellQuote(values[name]));
}

/** Run a user's `--fault-cmd`/`--heal-cmd` through `sh -c`; never rejects: the run says how it went. */
export async function runUserCommand(
  template: string,
  values: Placeholders,
  opts: { timeoutMs: number; secrets: string[]; signal?: AbortSignal },
): Promise<CommandRun> {
  const env = {
    ...process.env,
    REDIS_ARC_NODE: values.node,
    REDIS_ARC_HOST: values.host,
    REDIS_ARC_PORT: values.port,
    REDIS_ARC_ROLE: values.role,
  };
  const started = performance.now();
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_KEPT_CHARS);
  };
  const { exitCode, signal } = await new Promise<{ exitCode: number | null; signal?: string }>((resolve) => {
    // Its own process group, so a timeout ends the command's children too (kubectl under sh).
    const child = spawn('/bin/sh', ['-c', toScript(template)], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const killGroup = (sig: NodeJS.Signals) => {
      // No pid: the spawn failed, and its 'error' event ends the run.
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, sig);
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => killGroup('SIGKILL'), opts.timeoutMs);
    // Ctrl-C of redis-arc ends the user's command too: it must not run on (kubectl, a cloud call) after we exit.
    const onAbort = () => killGroup('SIGTERM');
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    const done = () => {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
    };
    child.on('error', (err) => {
      done();
      keep(Buffer.from(err.message));
      resolve({ exitCode: null, signal: 'spawn-failed' });
    });
    child.on('close', (code, sig) => {
      done();
      resolve(sig ? { exitCode: null, signal: sig } : { exitCode: code });
    });
  });
  return {
    command: redact(expandForDisplay(template, values), opts.secrets),
    exitCode,
    ...(signal && { signal }),
    durationMs: Math.round(performance.now() - started),
    output: redact(output, opts.secrets),
  };
}

/** One line for a run that failed: exit status and the last line it printed. */
export function describeFailure(run: CommandRun): string {
  const status = run.exitCode !== null ? `exited ${run.exitCode}` : `was killed (${run.signal})`;
  const last = run.output.trim().split('\n').pop()?.trim();
  return `${status} after ${run.durationMs} ms${last ? `: ${last}` : ''}`;
}
