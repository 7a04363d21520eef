import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { boot, type BootResult } from '../runtime/boot.js';
import type { Runtime, StartStep } from '../runtime/runtime.js';
import type { Kind } from '../specfile/defaults.js';
import { initProject, type InitOptions } from './init.js';
import type { Project } from './open.js';
import { projectTopology, type RunningTopology } from './running.js';

export interface StartOptions extends InitOptions {
  /** The folder's name prefix when `dir` is not given (a temporary folder is made and removed). */
  dirPrefix?: string;
  timeoutMs?: number;
  onStep?: (step: StartStep) => void;
  /** Called once `init` has written the project, before the nodes start. */
  onInit?: (project: Project) => void;
  /** Awaited after `init`, right before the nodes start (what must be in place first, e.g. the reaper). */
  beforeBoot?: () => Promise<void>;
  signal?: AbortSignal;
  /** Leave the nodes running and the folder in place at disposal (`demo --keep`). */
  keep?: boolean;
  /** `docker`: the nodes run as containers of a compose project named after the topology (default local processes). */
  runtime?: 'local' | 'docker';
  /** docker: the image in place of the spec's. */
  image?: string;
}

/** A topology this process started: its runtime and project are always there. */
export interface StartedTopology extends RunningTopology {
  runtime: Runtime;
  project: Project;
  /** The project folder. */
  dir: string;
  booted: BootResult;
}

/**
 * `init` + `up` in-process (local runtime unless told docker), for tests, bench scripts and `demo`: the same
 * secrets, TLS material and ACL includes the CLI writes. Disposal stops every node with its data
 * and removes the folder this call made; a start that fails half-way is cleaned up the same way.
 */
export async function startTopology(kind: Kind, opts: StartOptions = {}): Promise<StartedTopology> {
  const { dirPrefix, timeoutMs = 30_000, onStep, onInit, beforeBoot, signal, keep, runtime: choice = 'local', image, ...init } = opts;
  const dir = init.dir ?? (await mkdtemp(join(tmpdir(), dirPrefix ?? `redis-arc-${kind}-`)));
  let runtime: Runtime | undefined;
  let disposed = false;
  // Once only: `demo` disposes before its last line, then `await using` does again.
  const dispose = async () => {
    if (keep || disposed) return;
    disposed = true;
    const stopped = await runtime?.stop({ purge: true }).catch(() => undefined);
    // A node that outlived the stop keeps its folder, as with `down --purge`: never delete under a running Redis.
    if (!init.dir && (!runtime || stopped?.purged)) await rm(dir, { recursive: true, force: true });
  };
  try {
    const { project } = await initProject(kind, { ...init, dir });
    onInit?.(project);
    const topo = await projectTopology(project, { runtime: choice, dispose, start: true, ...(image && { image }) });
    runtime = topo.runtime!;
    await beforeBoot?.();
    const booted = await boot(runtime, topo.credentials.password, { timeoutMs, onStep, signal });
    return { ...topo, runtime, project, dir, booted };
  } catch (err) {
    await dispose();
    throw err;
  }
}
