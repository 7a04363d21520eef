import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { boot, type BootResult } from '../runtime/boot.js';
import type { Runtime, StartStep } from '../runtime/runtime.js';
import type { Kind } from '../specfile/defaults.js';
import { planInit, type InitOptions, type InitResult } from './init.js';
import type { Project } from './open.js';
import { projectTopology, type RunningTopology } from './running.js';
import { IN_PROCESS_BOOT_TIMEOUT_MS } from '../runtime/defaults.js';

export interface StartOptions extends InitOptions {
  /** The folder's name prefix when `dir` is not given (a temporary folder is made and removed). */
  dirPrefix?: string;
  /**
   * `dir` was made empty by the caller for this start (redis-arc/testing): as with a folder made
   * here, local nodes start without a look for running ones, while the project files are written.
   */
  freshDir?: boolean;
  /** Give up starting after this long (default IN_PROCESS_BOOT_TIMEOUT_MS, 30 s; the CLI's commands pass DEFAULT_BOOT_TIMEOUT_MS). */
  timeoutMs?: number;
  onStep?: (step: StartStep) => void;
  /** Called once `init` has planned the project, before the nodes start. */
  onInit?: (project: Project) => void;
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
 *
 * In a fresh folder on the local runtime the project files are written while the nodes start:
 * the nodes need only the passwords, which are known before anything is written, and a fresh
 * cluster master is healthy only 2 s after its process started, so every millisecond before the
 * spawn is one more before the cluster is healthy. TLS material (generated on write) and compose
 * files (docker) are needed first, so those starts write first.
 */
export async function startTopology(kind: Kind, opts: StartOptions = {}): Promise<StartedTopology> {
  const { dirPrefix, freshDir, timeoutMs = IN_PROCESS_BOOT_TIMEOUT_MS, onStep, onInit, signal, keep, runtime: choice = 'local', image, ...init } = opts;
  const fresh = freshDir === true || init.dir === undefined;
  const dir = init.dir ?? (await mkdtemp(join(tmpdir(), dirPrefix ?? `redis-arc-${kind}-`)));
  let runtime: Runtime | undefined;
  let writing: Promise<InitResult> | undefined;
  let disposed = false;
  // Once only: `demo` disposes before its last line, then `await using` does again.
  const dispose = async () => {
    if (keep || disposed) return;
    disposed = true;
    // Files still being written would land in the folder after it is removed.
    await writing?.catch(() => undefined);
    const stopped = await runtime?.stop({ purge: true }).catch(() => undefined);
    // A node that outlived the stop keeps its folder, as with `down --purge`: never delete under a running Redis.
    if (!init.dir && (!runtime || stopped?.purged)) await rm(dir, { recursive: true, force: true });
  };
  try {
    const planned = await planInit(kind, { ...init, dir });
    const { project } = planned;
    const early = fresh && choice === 'local' && !project.topology.tls.enabled;
    writing = planned.write();
    // Awaited before this returns; handled now, so a failure during a long start is no unhandled rejection.
    writing.catch(() => undefined);
    if (!early) await writing;
    onInit?.(project);
    const secrets = {
      password: planned.password,
      ...(planned.aclPassword !== undefined && { app: { username: project.topology.auth.acl.user, password: planned.aclPassword } }),
    };
    const topo = await projectTopology(project, { runtime: choice, dispose, start: true, ...(image && { image }), ...(early && { secrets }) });
    if (!topo.runtime) throw new Error(`projectTopology gave no runtime although --runtime ${choice} was asked for`);
    runtime = topo.runtime;
    const booted = await boot(runtime, topo.credentials.password, { timeoutMs, onStep, signal, fresh: fresh && choice === 'local' });
    await writing;
    return { ...topo, runtime, project, dir, booted };
  } catch (err) {
    await dispose();
    throw err;
  }
}
