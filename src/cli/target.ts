import { openProject } from '../project/open.js';
import type { ProbeTarget } from '../probe/target.js';
import { checkedProjectTarget, projectTarget } from '../security/project.js';
import { attachTarget, isAttach } from './attach.js';

/**
 * The topology a command works on: the attach flags when given, else the spec's. Commands that
 * run BullMQ (`bullmq: true`) also try the ACL user's login first (attachTarget always does).
 */
export async function commandTarget(opts: Record<string, unknown>, use: { bullmq?: boolean } = {}): Promise<ProbeTarget> {
  if (isAttach(opts)) return attachTarget(opts);
  const project = await openProject(opts.spec as string);
  return use.bullmq ? checkedProjectTarget(project) : projectTarget(project);
}
