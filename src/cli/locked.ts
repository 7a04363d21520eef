import { safeLine } from '../errors/redact.js';
import { acquireLock } from '../lock/project-lock.js';
import type { Project } from '../project/open.js';
import { removeLeftoverNetworkFault } from './network-leftover.js';

/**
 * Run `work` holding the project's lock, so two `up` / `down` / `failover-test` runs never act on
 * one topology at once. Taking over a dead run's lock is said, because that run may have left a
 * node paused or half-started (`status` shows it; `up` resumes it), or a network fault in place,
 * which is removed here: whoever holds the lock is the only one who may have one.
 */
export async function withProjectLock<T>(project: Project, command: string, work: () => Promise<T>): Promise<T> {
  const lock = await acquireLock(project.dir, command, project.topology.name);
  if (lock.tookOverFrom) {
    const h = lock.tookOverFrom;
    // The lock file is on disk: what it says is printed safely, like any other outside text.
    process.stderr.write(
      `${safeLine(`redis-arc: note: an earlier \`${h.command}\` (pid ${h.pid}, started ${h.startedAt}) ended without finishing; continuing`)}\n`,
    );
  }
  try {
    await removeLeftoverNetworkFault(project, (line) => process.stderr.write(`${safeLine(`redis-arc: note: ${line}`)}\n`));
    return await work();
  } finally {
    await lock.release();
  }
}
