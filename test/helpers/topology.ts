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
