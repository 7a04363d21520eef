import type { Ora } from 'ora';
import { safeLine } from '../errors/redact.js';

/** A spinner on a terminal; plain step lines on stderr otherwise (CI logs keep the story). Never on stdout. */
export interface Progress {
  step(message: string): void;
  succeed(message: string): void;
  fail(message?: string): void;
}

export async function createProgress(opts: { quiet?: boolean } = {}): Promise<Progress> {
  if (opts.quiet) return { step() {}, succeed() {}, fail() {} };
  const raw = await rawProgress();
  // Steps can quote a Redis error or a node's name from the spec: scrubbed and made printable like errors.
  return {
    step: (m) => raw.step(safeLine(m)),
    succeed: (m) => raw.succeed(safeLine(m)),
    fail: (m) => raw.fail(m === undefined ? undefined : safeLine(m)),
  };
}

async function rawProgress(): Promise<Progress> {
  if (process.stderr.isTTY) {
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
