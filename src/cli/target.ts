import { openProject } from '../project/open.js';
import type { ProbeTarget } from '../probe/target.js';
import { projectTarget } from '../security/project.js';
import { attachTarget, isAttach } from './attach.js';

/** The topology a command works on: the attach flags when given, else the spec's. */
export async function commandTarget(opts: Record<string, unknown>): Promise<ProbeTarget> {
  if (isAttach(opts)) return attachTarget(opts);
  const project = await openProject(opts.spec as string);
  return projectTarget(project);
}
