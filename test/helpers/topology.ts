import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { startTopology as startProject, type StartOptions, type StartedTopology } from '../../src/project/start.js';
import type { Kind } from '../../src/specfile/defaults.js';
import { startWatched } from '../../src/testing/reaper.js';
import type { TestTopology as LibraryTopology } from '../../src/testing/index.js';

/**
 * Tests start their topologies through redis-arc/testing (`sentinel()`, `cluster()`,
 * `standalone()`: free ports, a reaper, disposal that kills leftovers). What stays here is what
 * only a vitest file wants: starting several at once without losing one when another fails, and
 * tying them to beforeAll/afterAll; and naming a node's port. `startAtPorts` remains for the two
 * files the library cannot serve: compare.test.ts (compare's own start hook places topologies at
 * the ports `compare` chooses) and acl.test.ts (it reads the files `init --acl` renders for docker,
 * which the library does not write for local nodes).
 */

/** What `sentinel(...)`, `cluster(...)` and `standalone(...)` return. */
interface Starter<T extends LibraryTopology = LibraryTopology> {
  start(): Promise<T>;
}
type Started<S> = S extends Starter<infer T> ? T : never;

/**
 * Start several topologies at once. If any fails, the ones that did start are stopped before the
 * error is thrown: a plain Promise.all would lose them, and their processes would outlive the file.
 */
export async function startAll<S extends Starter[]>(...starters: S): Promise<{ [I in keyof S]: Started<S[I]> }> {
  const settled = await Promise.allSettled(starters.map((s) => s.start()));
  const started = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) {
    await stopAll(...started);
    throw failed.reason;
  }
  // Every start was fulfilled, in the order given: the tuple's types are the starters'.
  return started as { [I in keyof S]: Started<S[I]> };
}

/** For afterAll: dispose of every topology a file started (those that never started are skipped). */
export async function stopAll(...topologies: (AsyncDisposable | undefined)[]): Promise<void> {
  await Promise.all(topologies.map((t) => (t ? t[Symbol.asyncDispose]() : Promise.resolve())));
}

/**
 * For a test file: start these named topologies in beforeAll and stop them in afterAll. The
 * returned record is filled once beforeAll has run, so tests read it inside their bodies.
 */
export function topologiesForFile<R extends Record<string, Starter>>(starters: R): { [N in keyof R]: Started<R[N]> } {
  const started: Partial<Record<keyof R, LibraryTopology>> = {};
  const names: (keyof R)[] = Object.keys(starters);
  beforeAll(async () => {
    const topologies = await startAll(...names.map((n) => starters[n]));
    names.forEach((n, i) => (started[n] = topologies[i]));
  });
  afterAll(() => stopAll(...names.map((n) => started[n])));
  // Read only after beforeAll, which fills every name.
  return started as { [N in keyof R]: Started<R[N]> };
}

/** The ports of the named nodes (`redis-1`, `sentinel-2`, `node-4`), in the order named; an unknown id throws. */
export function portsOf<const Ids extends readonly string[]>(topo: Pick<LibraryTopology, 'nodes'>, ...ids: Ids): { -readonly [I in keyof Ids]: number } {
  const port = (id: string) => topo.nodes.find((n) => n.id === id)?.port ?? expect.fail(`no node ${id} in ${topo.nodes.map((n) => n.id).join(', ')}`);
  // map keeps the length and order of the ids: one port per id.
  return ids.map(port) as { -readonly [I in keyof Ids]: number };
}

/**
 * A project topology at the ports the caller names, watched by the reaper of redis-arc/testing and
 * reaped at disposal, as `init` + `up` would make it (docker files rendered too). Only where the
 * library cannot serve (see the top of this file).
 */
export async function startAtPorts(kind: Kind, opts: StartOptions = {}): Promise<StartedTopology> {
  const dir = mkdtempSync(join(tmpdir(), `redis-arc-${kind}-`));
  return startWatched(dir, () => startProject(kind, { ...opts, dir }));
}
