import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProbeTarget } from '../../src/probe/target.js';
import { initProject, type InitOptions } from '../../src/project/init.js';
import type { Project } from '../../src/project/open.js';
import { boot } from '../../src/runtime/boot.js';
import type { Runtime } from '../../src/runtime/runtime.js';
import { selectRuntime } from '../../src/runtime/select.js';
import { projectSecrets, projectTarget, type ProjectSecrets } from '../../src/security/project.js';
import type { Kind } from '../../src/spec/defaults.js';
import { killRedisUnder } from './processes.js';

/** A project made by `init` in a folder of its own and booted on the local runtime, in-process. */
export interface BootedProject {
  dir: string;
  project: Project;
  runtime: Runtime;
  target: ProbeTarget;
  secrets: ProjectSecrets;
}

const started: { dir: string; runtime?: Runtime }[] = [];

/** init + up as the CLI does them (secrets, TLS material, ACL includes); stopBootedProjects() removes it. */
export async function bootProject(label: string, kind: Kind, opts: InitOptions): Promise<BootedProject> {
  const entry: { dir: string; runtime?: Runtime } = { dir: mkdtempSync(join(tmpdir(), `redis-arc-${label}-${kind}-`)) };
  // Recorded before anything starts, so a boot that fails half-way is cleaned up too.
  started.push(entry);
  const { project } = await initProject(kind, { dir: entry.dir, ...opts });
  const runtime = await selectRuntime(project, 'local');
  entry.runtime = runtime;
  const secrets = await projectSecrets(project);
  await boot(runtime, secrets.password, { timeoutMs: 30_000 });
  return { dir: entry.dir, project, runtime, target: await projectTarget(project), secrets };
}

/** For afterAll: stop every booted project (any leftover process killed) and delete its folder. */
export async function stopBootedProjects(): Promise<void> {
  for (const { dir, runtime } of started.splice(0)) {
    await runtime?.stop({ purge: true }).catch(() => undefined);
    killRedisUnder(dir);
    rmSync(dir, { recursive: true, force: true });
  }
}
