import { UsageError, WouldOverwriteError } from '../errors/index.js';
import { DEFAULT_SERVER } from '../servers/catalogue.js';
import { RUNTIME_CHOICES, type RuntimeChoice } from '../runtime/choices.js';
import type { Runtime } from '../runtime/runtime.js';
import { adminPassword, projectSecrets, type ProjectSecrets } from '../security/project.js';
import type { Project } from './open.js';

export type { RuntimeChoice } from '../runtime/choices.js';

export interface RuntimeOptions {
  /** The docker image in place of the spec's (the caller resolves --image / REDIS_ARC_IMAGE). */
  image?: string;
  /** The local runtime's server in place of the spec's `server:` (`up --server`). */
  server?: string;
  /** The project's secrets when the caller has read them already (read here otherwise). */
  secrets?: ProjectSecrets;
}

/**
 * Pick the runtime for a project. `auto` means the docker runtime when `up --runtime docker`
 * started this project (so `down`, `logs`, `failover-test` find its containers), else local,
 * the embedded default: docker runs only when asked for, because it needs an engine that many
 * machines lack.
 */
export async function selectRuntime(project: Project, choice: RuntimeChoice = 'auto', opts: RuntimeOptions = {}): Promise<Runtime> {
  if (await choosesDocker(project, choice)) {
    // Containers run the image: a server of the catalogue or a binary is the local runtime's.
    // (The spec's `server:` is the local runtime's; the image stands for it here, as the spec's comment says.)
    if (opts.server !== undefined && opts.server !== DEFAULT_SERVER) {
      throw new UsageError(
        `--server ${opts.server} runs on the local runtime; with --runtime docker the image decides the server (--image, or image: in redis-arc.yaml)`,
      );
    }
    const { DockerRuntime } = await import('../runtime/docker/docker-runtime.js');
    const { renderProject } = await import('./render.js');
    return new DockerRuntime(project.topology, {
      specDir: project.dir,
      // Only the admin password: compose's render creates the ACL and TLS files when they are missing.
      password: opts.secrets ? opts.secrets.password : await adminPassword(project),
      image: opts.image,
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
  const { LocalRuntime } = await import('../runtime/local/local-runtime.js');
  const secrets = opts.secrets ?? (await projectSecrets(project));
  return new LocalRuntime(project.topology, {
    specDir: project.dir,
    password: secrets.password,
    aclPassword: secrets.app?.password,
    tls: secrets.tls && secrets.tlsDir ? { dir: secrets.tlsDir, client: secrets.tls } : undefined,
    server: opts.server ?? project.spec.server,
  });
}

/** Whether `choice` means the docker runtime for this project; an unknown choice is a usage error. */
export async function choosesDocker(project: Pick<Project, 'dir'>, choice: RuntimeChoice = 'auto'): Promise<boolean> {
  if (!RUNTIME_CHOICES.includes(choice)) throw new UsageError(`--runtime ${choice}: expected one of ${RUNTIME_CHOICES.join(', ')}`);
  if (choice !== 'auto') return choice === 'docker';
  // auto: the runtime `up` last used for this project (docker leaves .redis-arc/docker.json), else local.
  const { readDockerState } = await import('../runtime/docker/state.js');
  return Boolean(await readDockerState(project.dir));
}
