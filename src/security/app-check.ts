import { UnreachableError } from '../errors/index.js';
import { openProbeClient } from '../probe/client.js';
import { formatEndpoint } from '../redis/endpoint.js';
import { ProbeError } from '../probe/probe-error.js';
import { firstEndpoint, type Target } from '../redis/target.js';
import { probeClientOptions } from '../probe/client.js';

/**
 * Log in once as the ACL user (`--user`, or the spec's auth.acl) before a scenario starts: BullMQ's connections retry a
 * refused login forever, so a wrong password would otherwise hang smoke instead of failing.
 * An unreachable node is left to the scenario, which reports it in its own terms.
 */
export async function checkAppCredentials(target: Target, fix = 'check --user-password-file'): Promise<void> {
  if (!target.app) return;
  const ep = firstEndpoint(target);
  if (!ep) return;
  try {
    const c = await openProbeClient(ep, target.app.password, probeClientOptions(target, { username: target.app.username, connectTimeoutMs: 2000 }));
    c.disconnect();
  } catch (err) {
    if (err instanceof ProbeError && err.reason === 'auth') {
      throw new UnreachableError(`ACL user ${target.app.username}: ${formatEndpoint(ep)} refused the login (${err.detail}); ${fix}`);
    }
  }
}
