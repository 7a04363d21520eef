import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { redact } from '../../errors/redact.js';
import { RedactedTail } from '../../errors/redacted-tail.js';
import type { CommandRun } from './fault.js';
import { expandForDisplay, placeholderEnv, toScript, type Placeholders } from './placeholders.js';
import { endGroup, KILL_GRACE_MS, trackGroup, untrackGroup } from './process-group.js';

export { toScript, type Placeholders } from './placeholders.js';

/** The output kept of a user's command: its tail, where the error usually is. */
const OUTPUT_KEPT_CHARS = 4096;
/**
 * After the command exits, how long its last output may take to be read. Not until its stdout
 * closes: a background child holding it (`sleep 60 &`) would make the command "take" as long.
 */
const OUTPUT_DRAIN_MS = 200;

/** A user's command once it exited (or was ended): how it ran, and what it left running. */
export interface CommandOutcome {
  run: CommandRun;
  /** Killed at `timeoutMs`. */
  timedOut: boolean;
  /** Ended because the run was interrupted (Ctrl-C). */
  interrupted: boolean;
  /** Ends whatever the command left running in its process group (SIGTERM, SIGKILL after a grace). */
  endLeftovers(): Promise<void>;
  /** Leaves what it started running past redis-arc's exit (a node a heal restarted in the background). */
  release(): void;
}

/**
 * Run a user's `--fault-cmd`/`--heal-cmd` through `sh -c` as the leader of its own process group;
 * never rejects: the outcome says how it went. Its duration is to its own exit; `signal` (Ctrl-C)
 * ends the group with SIGTERM, then SIGKILL after a short grace.
 */
export async function runUserCommand(
  template: string,
  values: Placeholders,
  opts: { timeoutMs: number; secrets: string[]; signal?: AbortSignal },
): Promise<CommandOutcome> {
  const started = performance.now();
  const output = new RedactedTail(OUTPUT_KEPT_CHARS, opts.secrets);
  const child = spawn('/bin/sh', ['-c', toScript(template)], {
    env: { ...process.env, ...placeholderEnv(values) },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const group = child.pid;
  if (group !== undefined) trackGroup(group);
  const streams = [child.stdout, child.stderr];
  for (const s of streams) {
    // Decoded as a stream, so a character split across two chunks is not garbled.
    s.setEncoding('utf8');
    s.on('data', (text: string) => output.push(text));
  }
  const ended = { timedOut: false, interrupted: false };
  const end = (why: 'timedOut' | 'interrupted', graceMs: number) => {
    ended[why] = true;
    if (group !== undefined) void endGroup(group, graceMs);
  };
  const timer = setTimeout(() => end('timedOut', 0), opts.timeoutMs);
  const onAbort = () => end('interrupted', KILL_GRACE_MS);
  if (opts.signal?.aborted) onAbort();
  else opts.signal?.addEventListener('abort', onAbort, { once: true });
  const exit = await new Promise<{ exitCode: number | null; signal?: string }>((resolve) => {
    child.on('error', (err) => {
      output.push(err.message);
      resolve({ exitCode: null, signal: 'spawn-failed' });
    });
    child.on('exit', (code, sig) => resolve(sig ? { exitCode: null, signal: sig } : { exitCode: code }));
  });
  const durationMs = Math.round(performance.now() - started);
  clearTimeout(timer);
  opts.signal?.removeEventListener('abort', onAbort);
  await drained(streams, OUTPUT_DRAIN_MS);
  for (const s of streams) s.destroy();
  return {
    run: {
      command: redact(expandForDisplay(template, values), opts.secrets),
      exitCode: exit.exitCode,
      ...(exit.signal && { signal: exit.signal }),
      durationMs,
      output: output.text(),
    },
    ...ended,
    endLeftovers: async () => {
      if (group !== undefined) await endGroup(group);
    },
    release: () => {
      if (group !== undefined) untrackGroup(group);
    },
  };
}

/** Until every stream ended (all output read) or `ms` passed (a background child holds one open). */
async function drained(streams: Readable[], ms: number): Promise<void> {
  const closed = streams.map((s) => (s.closed ? Promise.resolve() : new Promise<void>((resolve) => s.once('close', () => resolve()))));
  const waited = new AbortController();
  await Promise.race([Promise.all(closed), sleep(ms, undefined, { signal: waited.signal }).catch(() => undefined)]);
  waited.abort();
}

/** One line for a run that failed: exit status and the last line it printed. */
export function describeFailure(run: CommandRun): string {
  const status = run.exitCode !== null ? `exited ${run.exitCode}` : `was killed (${run.signal})`;
  const last = run.output.trim().split('\n').pop()?.trim();
  return `${status} after ${run.durationMs} ms${last ? `: ${last}` : ''}`;
}
