import type { Target } from '../redis/target.js';
import type { Runtime } from '../runtime/runtime.js';
import type { Credentials } from '../redis/target.js';
import { checkProjectApp, ensureProjectSecrets, projectSecrets, projectTarget, type ProjectSecrets } from '../security/project.js';
import type { Project } from './open.js';
import { choosesDocker, selectRuntime, type RuntimeChoice } from './runtime.js';

// Node 20.4+ defines Symbol.asyncDispose (and TypeScript lowers `await using` for ES2022 onto it);
// package.json allows any Node 20, so earlier ones get the symbol esbuild's lowering also falls back to.
if (Reflect.get(Symbol, 'asyncDispose') === undefined) Reflect.set(Symbol, 'asyncDispose', Symbol.for('Symbol.asyncDispose'));

/**
 * A topology that runs and what redis-arc knows about it, the same value whether redis-arc
 * started it from a project or was given its address. `await using` disposes of it: a topology
 * started for a test, bench or demo is stopped; one a command opened is left as it is.
 */
export interface RunningTopology extends AsyncDisposable {
  /** How probes, faults and clients reach it. */
  target: Target;
  /** The logins `target` carries: admin password, BullMQ's ACL user, TLS client material. */
  credentials: Credentials;
  /** What runs its nodes; absent when attached by address (and when the command does not act on nodes). */
  runtime?: Runtime;
  /** The spec folder it was made from; absent when attached by address. */
  project?: Project;
}

/** Disposal for what the caller does not own: the topology keeps running. */
const leaveRunning = async (): Promise<void> => {};

/** A topology given by address (the attach flags): no runtime, no project. */
export function attachedTopology(target: Target): RunningTopology {
  const credentials: Credentials = { password: target.password, ...(target.app && { app: target.app }), ...(target.tls && { tls: target.tls }) };
  return { target, credentials, [Symbol.asyncDispose]: leaveRunning };
}

export interface ProjectUse {
  /** Select the runtime too (commands that act on nodes); commands that only talk to Redis leave it out. */
  runtime?: RuntimeChoice;
  /** The docker image in place of the spec's. */
  image?: string;
  /** The local runtime's server in place of the spec's (`up --server`). */
  server?: string;
  /** BullMQ work follows: the ACL login is tried once first (BullMQ would retry a refused one forever). */
  bullmq?: boolean;
  /** The runtime is about to start the nodes (`up`). */
  start?: boolean;
  /** What disposal does; by default the topology is left running. */
  dispose?: () => Promise<void>;
  /** The secrets when the caller holds them already (`startTopology` while their files are being written); else read from the files. */
  secrets?: ProjectSecrets;
}

/** A project's topology: its secrets read once, its target, and (when asked for) its runtime. */
export async function projectTopology(project: Project, use: ProjectUse = {}): Promise<RunningTopology> {
  const docker = use.runtime !== undefined && (await choosesDocker(project, use.runtime));
  // Compose's render creates missing ACL and TLS files when docker starts the nodes; the target needs them first.
  if (docker && use.start) await ensureProjectSecrets(project);
  const credentials = use.secrets ?? (await projectSecrets(project));
  const runtime =
    use.runtime !== undefined
      ? await selectRuntime(project, docker ? 'docker' : 'local', { image: use.image, server: use.server, secrets: credentials })
      : undefined;
  const target = projectTarget(project, credentials);
  if (use.bullmq) await checkProjectApp(project, target);
  return { target, credentials, runtime, project, [Symbol.asyncDispose]: use.dispose ?? leaveRunning };
}
