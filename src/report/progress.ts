import type { Ora } from 'ora';
import { safeLine } from '../errors/redact.js';
import { barLine, type BarState } from './progress-bar.js';

/** A spinner on a terminal; plain step lines on stderr otherwise (CI logs keep the story). Never on stdout. */
export interface Progress {
  step(message: string): void;
  /** `done` of `total` units finished: on a terminal, steps then show a bar and the time left. */
  advance(done: number, total: number, unit: string): void;
  succeed(message: string): void;
  fail(message?: string): void;
}

export async function createProgress(opts: { quiet?: boolean } = {}): Promise<Progress> {
  if (opts.quiet) return { step() {}, advance() {}, succeed() {}, fail() {} };
  const raw = await rawProgress();
  const tty = !!process.stderr.isTTY && process.stderr.columns > 0;
  let bar: BarState | undefined;
  let last = '';
  // Plain lines (CI logs) already say `trial 2` or `run 2/3`; the bar is for people watching a terminal.
  const withBar = (m: string) => (tty && bar ? `${barLine(bar, Date.now())} · ${m}` : m);
  // Steps can quote a Redis error or a node's name from the spec: scrubbed and made printable like errors.
  return {
    step: (m) => {
      last = safeLine(m);
      raw.step(withBar(last));
    },
    advance(done, total, unit) {
      bar = { done, total, unit, startedMs: bar?.startedMs ?? Date.now() };
      if (tty && last) raw.step(withBar(last));
    },
    succeed: (m) => raw.succeed(safeLine(m)),
    fail: (m) => raw.fail(m === undefined ? undefined : safeLine(m)),
  };
}

async function rawProgress(): Promise<Omit<Progress, 'advance'>> {
  // A terminal of 0 columns (a pseudo-terminal nobody sized) makes ora count Infinity lines to clear and spin for ever.
  if (process.stderr.isTTY && process.stderr.columns > 0) {
    const { default: ora } = await import('ora');
    let spinner: Ora | undefined;
    return {
      step(message) {
        if (!spinner) spinner = ora({ text: message, stream: process.stderr }).start();
        else spinner.text = message;
      },
      succeed(message) {
        (spinner ?? ora({ stream: process.stderr })).succeed(message);
        spinner = undefined;
      },
      fail(message) {
        spinner?.fail(message);
        spinner = undefined;
      },
    };
  }
  let last = '';
  return {
    step(message) {
      if (message !== last) process.stderr.write(`… ${message}\n`);
      last = message;
    },
    succeed(message) {
      process.stderr.write(`✔ ${message}\n`);
    },
    fail(message) {
      if (message) process.stderr.write(`✖ ${message}\n`);
    },
  };
}
