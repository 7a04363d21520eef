import { openProject } from '../project/open.js';
import { readPassword } from '../specfile/secret.js';
import { rememberAttachSecrets } from './attach.js';
import { isAttach } from './flags/shared.js';
import type { TopologyFlags } from './target.js';

/**
 * Make the topology's passwords known to the scrubber (src/errors/redact.ts) before a user's
 * module is loaded: its code runs before the topology is opened, and an error it throws may
 * quote the password it read (REDIS_PASSWORD, the project's password file). Nothing connects;
 * a flag or file that cannot be read is left for the opening to report in its own words.
 */
export async function rememberTopologySecrets(opts: TopologyFlags): Promise<void> {
  if (isAttach(opts)) {
    // masterName has a default: it is there exactly when the command has the attach flags.
    if (opts.masterName !== undefined) await rememberAttachSecrets(opts).catch(() => undefined);
    return;
  }
  const project = await openProject(opts.spec).catch(() => undefined);
  if (project) await readPassword(project.passwordFile, { optional: true }).catch(() => undefined);
}
