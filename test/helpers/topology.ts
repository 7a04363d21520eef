import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initProject, type InitOptions } from '../../src/project/init.js';
import type { Project } from '../../src/project/open.js';
import { targetFromTopology, type ProbeTarget } from '../../src/probe/target.js';
import { boot } from '../../src/runtime/boot.js';
import type { Runtime } from '../../src/runtime/runtime.js';
import { projectPassword, selectRuntime } from '../../src/runtime/select.js';
import type { Kind } from '../../src/spec/defaults.js';
import { killRedisUnder } from './processes.js';

/** A real topology on the local runtime for a test file; `stop()` leaves nothing behind. */
export interface TestTopology {
  dir: string;
  project: Project;
  runtime: Runtime;
  password: string | undefined;
  target: ProbeTarget;
  stop(): Promise<void>;
}

export async function startTopology(kind: Kind, opts: InitOptions): Promise<TestTopology> {
  const dir = mkdtempSync(join(tmpdir(), `redis-arc-${kind}-`));
  const stop = async () => {
    await runtime?.stop({ purge: true }).catch(() => undefined);
    killRedisUnder(dir);
    rmSync(dir, { recursive: true, force: true });
  };
  let runtime: Runtime | undefined;
  try {
    const { project } = await initProject(kind, { dir, ...opts });
    runtime = await selectRuntime(project, 'local');
    const password = await projectPassword(project);
    await boot(runtime, password, { timeoutMs: 30_000 });
    return { dir, project, runtime, password, target: targetFromTopology(project.topology, password), stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/**
 * Start several topologies at once. If any fails, the ones that did start are stopped before the
 * error is thrown: a plain Promise.all would lose them, and their processes would outlive the file.
 */
export async function startTopologies<S extends [Kind, InitOptions][]>(...starts: S): Promise<{ [I in keyof S]: TestTopology }> {
  const settled = await Promise.allSettled(starts.map(([kind, opts]) => startTopology(kind, opts)));
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) {
    await Promise.all(settled.map((s) => (s.status === 'fulfilled' ? s.value.stop() : undefined)));
    throw failed.reason;
  }
  return settled.map((s) => (s as PromiseFulfilledResult<TestTopology>).value) as { [I in keyof S]: TestTopology };
}
