import { InterruptedError, UnreachableError } from '../../errors/index.js';
import { checkHealth } from '../../probe/health.js';
import type { Target } from '../../redis/target.js';
import { untilAborted } from './abort.js';

/**
 * Before a scenario opens a BullMQ connection: BullMQ retries a refused connect or login for
 * ever, printing an error per attempt, so a topology that is not there (closed port, wrong
 * password, a server that says nothing, one that is not Redis) must fail here, in one line.
 * The ACL user's login is tried when the target is resolved (src/security/app-check.ts).
 */
export async function preflight(target: Target, doing: string, signal?: AbortSignal): Promise<void> {
  const health = await untilAborted(checkHealth(target), signal, () => new InterruptedError(`interrupted before ${doing} started; nothing was changed`));
  if (health.verdict === 'down') {
    throw new UnreachableError(`the ${target.kind} topology is down, nothing to ${doing}: ${health.problems[0] ?? 'no node answers'}`);
  }
}
