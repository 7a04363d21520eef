import { ArcError, UsageError } from '../errors/index.js';
import { readPassword } from '../spec/secret.js';
import type { Project } from '../project/open.js';
import type { Runtime } from './runtime.js';

import { RUNTIME_CHOICES, type RuntimeChoice } from './choices.js';

export type { RuntimeChoice } from './choices.js';

/** The password a project's nodes use, or undefined when auth is off. */
export async function projectPassword(project: Project): Promise<string | undefined> {
  if (!project.topology.auth.enabled) return undefined;
  return readPassword(project.passwordFile);
}

/**
 * Pick the runtime for a project. `auto` means local, the embedded default: docker runs only
 * when asked for, because it needs an engine that many machines lack.
 */
export async function selectRuntime(project: Project, choice: RuntimeChoice = 'auto'): Promise<Runtime> {
  if (!RUNTIME_CHOICES.includes(choice)) throw new UsageError(`--runtime ${choice}: expected one of ${RUNTIME_CHOICES.join(', ')}`);
  if (choice === 'docker') {
    throw new ArcError('the docker runtime is not available in this version yet; use --runtime local (redis-server processes on 127.0.0.1)');
  }
  const { LocalRuntime } = await import('./local/local-runtime.js');
  return new LocalRuntime(project.topology, { specDir: project.dir, password: await projectPassword(project) });
}
