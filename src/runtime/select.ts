import { UsageError, WouldOverwriteError } from '../errors/index.js';
import { readPassword } from '../spec/secret.js';
import { projectSecrets } from '../security/project.js';
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
 * Pick the runtime for a project. `auto` means the docker runtime when `up --runtime docker`
 * started this project (so `down`, `logs`, `failover-test` find its containers), else local,
 * the embedded default: docker runs only when asked for, because it needs an engine that many
 * machines lack. `opts.image` overrides the spec's image for docker.
 */
export async function selectRuntime(project: Project, choice: RuntimeChoice = 'auto', opts: { image?: string } = {}): Promise<Runtime> {
  if (!RUNTIME_CHOICES.includes(choice)) throw new UsageError(`--runtime ${choice}: expected one of ${RUNTIME_CHOICES.join(', ')}`);
  // auto: the runtime `up` last used for this project (docker leaves .redis-arc/docker.json), else local.
  const { readDockerState } = await import('./docker/state.js');
  if (choice === 'docker' || (choice === 'auto' && (await readDockerState(project.dir)))) {
    const { DockerRuntime } = await import('./docker/docker-runtime.js');
    const { renderProject } = await import('../project/render.js');
    return new DockerRuntime(project.topology, {
      specDir: project.dir,
      password: await projectPassword(project),
      // --image, else REDIS_ARC_IMAGE (the variable the compose files read too), else the spec's image.
      image: opts.image ?? (process.env.REDIS_ARC_IMAGE || undefined),
      // Compose runs the files beside the spec: (re)render them, keeping a user's edits.
      render: () =>
        renderProject(project).then(
          () => undefined,
          (err: unknown) => {
            if (!(err instanceof WouldOverwriteError)) throw err;
          },
        ),
    });
  }
  const { LocalRuntime } = await import('./local/local-runtime.js');
  const secrets = await projectSecrets(project);
  return new LocalRuntime(project.topology, {
    specDir: project.dir,
    password: secrets.password,
    aclPassword: secrets.app?.password,
    tls: secrets.tls && secrets.tlsDir ? { dir: secrets.tlsDir, client: secrets.tls } : undefined,
  });
}
