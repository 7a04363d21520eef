import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTopology as start, type StartOptions, type StartedTopology } from '../../src/project/start.js';
import { DEFAULT_PASSWORD_FILE, type Kind } from '../../src/specfile/defaults.js';
import { afterAll, beforeAll } from 'vitest';
import { reap, startReaper } from '../../src/testing/reaper.js';

/** A real topology on the local runtime for a test: `init` + `up` in-process, as the CLI does them. */
export type TestTopology = StartedTopology;

export interface TestStartOptions extends StartOptions {
  /** The admin password, for a test that must know it before the topology exists (`init` keeps an existing one). */
  password?: string;
}

/**
 * Start a topology in a folder of its own, at the ports a test names. Disposal (`await using`, or
 * `stopAll` in afterAll) stops it, kills whatever a failed test left running there, and deletes
 * the folder; a start that fails is cleaned up the same way before the error is thrown. The
 * reaper of redis-arc/testing watches the folder too: a test worker that dies leaves nothing running.
 */
export async function startTopology(kind: Kind, { password, ...opts }: TestStartOptions = {}): Promise<TestTopology> {
  const dir = mkdtempSync(join(tmpdir(), `redis-arc-${kind}-`));
  if (password) writeFileSync(join(dir, DEFAULT_PASSWORD_FILE), `${password}\n`, { mode: 0o600 });
  const stopReaper = startReaper(dir);
  const cleanup = async () => {
    await reap(dir);
    stopReaper();
  };
  try {
    const topo = await start(kind, { ...opts, dir });
    return {
      ...topo,
      async [Symbol.asyncDispose]() {
        await topo[Symbol.asyncDispose]();
        await cleanup();
      },
    };
  } catch (err) {
    await cleanup();
    throw err;
  }
}

/**
 * Start several topologies at once. If any fails, the ones that did start are stopped before the
 * error is thrown: a plain Promise.all would lose them, and their processes would outlive the file.
 */
export async function startTopologies<S extends [Kind, TestStartOptions][]>(...starts: S): Promise<{ [I in keyof S]: TestTopology }> {
  const settled = await Promise.allSettled(starts.map(([kind, opts]) => startTopology(kind, opts)));
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) {
    await stopAll(...settled.map((s) => (s.status === 'fulfilled' ? s.value : undefined)));
    throw failed.reason;
  }
  return settled.map((s) => (s as PromiseFulfilledResult<TestTopology>).value) as { [I in keyof S]: TestTopology };
}

/** For afterAll: dispose of every topology a file started (those that never started are skipped). */
export async function stopAll(...topologies: (AsyncDisposable | undefined)[]): Promise<void> {
  await Promise.all(topologies.map((t) => t?.[Symbol.asyncDispose]()));
}

/**
 * For a test file: start these named topologies in beforeAll and stop them in afterAll. The
 * returned record is filled once beforeAll has run, so tests read it inside their bodies.
 */
export function topologiesForFile<N extends string>(starts: Record<N, [Kind, TestStartOptions]>): Record<N, TestTopology> {
  const started = {} as Record<N, TestTopology>;
  const names = Object.keys(starts) as N[];
  beforeAll(async () => {
    const topologies = await startTopologies(...names.map((n) => starts[n]));
    names.forEach((n, i) => (started[n] = topologies[i]!));
  });
  afterAll(() => stopAll(...names.map((n) => started[n])));
  return started;
}
