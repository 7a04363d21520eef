import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ArcError } from '../../errors/index.js';
import { errorMessage, thrownText } from '../../errors/thrown.js';
import { writeAtomic } from '../../system/write.js';
import type { Topology } from '../../topology/types.js';

const run = promisify(execFile);

/*
 * Hostname mode without touching /etc/hosts: every node runs in its own mount namespace where a
 * hosts file of ours is bind-mounted over /etc/hosts, so Redis and Sentinel resolve the names
 * the topology announces; redis-arc's own clients never resolve them, they map each
 * `name:port` to the node's address (natMap, src/redis/target.ts). The namespace is private
 * (nothing propagates back), and the process keeps its pid, working folder and title, so `down`
 * finds and verifies it through /proc exactly as before.
 */

/** `127.0.0.1 redis-1.arc.internal`, one line per node; `localhost` stays resolvable. */
export function hostsFileText(t: Topology): string {
  const lines = t.nodes.map((n) => `${n.host} ${n.announceIp}`);
  return `# redis-arc: the names "${t.name}" announces (announce: hostnames), seen by its nodes as /etc/hosts.\n127.0.0.1 localhost\n${lines.join('\n')}\n`;
}

export async function writeHostsFile(path: string, t: Topology): Promise<void> {
  await writeAtomic(path, hostsFileText(t), 0o644);
}

/** Root can make a mount namespace; anyone else needs a user namespace mapped to themselves. */
const unshareArgs = (): string[] =>
  process.getuid?.() === 0 ? ['--mount', '--propagation', 'private'] : ['--user', '--map-root-user', '--mount', '--propagation', 'private'];

/** `binary args` run with `hostsFile` as its /etc/hosts: unshare execs sh, which execs the binary (same pid). */
export function withOwnHosts(hostsFile: string, binary: string, args: string[]): { command: string; args: string[] } {
  return { command: 'unshare', args: [...unshareArgs(), 'sh', '-c', 'mount --bind "$0" /etc/hosts && exec "$@"', hostsFile, binary, ...args] };
}

/** Fails with one line when this machine cannot give a process its own /etc/hosts. */
export async function checkOwnHosts(hostsFile: string): Promise<void> {
  const probe = withOwnHosts(hostsFile, 'true', []);
  try {
    await run(probe.command, probe.args, { timeout: 5000 });
  } catch (err) {
    const why = (thrownText(err, 'stderr') ?? errorMessage(err)).trim().split('\n')[0];
    throw new ArcError(
      `announce: hostnames starts each node with its own /etc/hosts (unshare --mount), which failed here: ${why}; run as root or enable unprivileged user namespaces, or set announce: addresses`,
    );
  }
}
