import { openProject, type Project } from '../project/open.js';
import { attachedTopology, projectTopology, type ProjectUse, type RunningTopology } from '../project/running.js';
import type { RuntimeChoice } from '../project/runtime.js';
import { attachTarget, type AttachOptions } from './attach.js';
import { isAttach } from './flags/shared.js';

/**
 * The flags openTopology reads, as a command's schema (src/cli/schemas) parsed them: a command
 * has every attach flag (read by attach.ts) or none.
 */
export type TopologyFlags = { spec?: string; runtime?: RuntimeChoice; image?: string; server?: string } & (
  AttachOptions | { [K in keyof AttachOptions]?: undefined }
);

export interface CommandUse {
  /** BullMQ work follows: the ACL login is tried first (attachTarget always tries it). */
  bullmq?: boolean;
  /** Select the project's runtime (from --runtime) too: the command acts on nodes. */
  runtime?: boolean;
  /** The command starts the nodes (`up`). */
  start?: boolean;
}

/**
 * The topology a command works on: the attach flags when given, else the spec's. Disposal leaves
 * it running (a command's topology outlives the command). `project` is the one the command has
 * opened already, if any.
 */
export async function openTopology(opts: TopologyFlags, use: CommandUse = {}, project?: Project): Promise<RunningTopology> {
  // masterName has a default: it is there exactly when the command has the attach flags.
  if (opts.masterName !== undefined && isAttach(opts)) return attachedTopology(await attachTarget(opts));
  const p = project ?? (await openProject(opts.spec));
  const projectUse: ProjectUse = { bullmq: use.bullmq, start: use.start };
  if (use.runtime) Object.assign(projectUse, { runtime: runtimeChoice(opts), image: imageOption(opts), server: opts.server });
  return projectTopology(p, projectUse);
}

/** --runtime, `auto` when not given. */
const runtimeChoice = (opts: TopologyFlags): RuntimeChoice => opts.runtime ?? 'auto';

/** --image, else REDIS_ARC_IMAGE (the variable the compose files read too), else the spec's image (undefined). */
export const imageOption = (opts: TopologyFlags = {}): string | undefined => opts.image ?? (process.env.REDIS_ARC_IMAGE || undefined);
