import { readdir, readFile, readlink } from 'node:fs/promises';

/** The state /proc/net/tcp gives a listening socket (TCP_LISTEN). */
const LISTEN = '0A';

/** Inodes of the listening TCP sockets (IPv4 and IPv6) of the process' network namespace, on `port` or on any port. */
async function listeningInodes(pid: number, port: number | undefined): Promise<Set<string>> {
  const inodes = new Set<string>();
  for (const table of ['tcp', 'tcp6']) {
    const text = await readFile(`/proc/${pid}/net/${table}`, 'utf8').catch(() => '');
    for (const line of text.split('\n').slice(1)) {
      // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode ...
      const f = line.trim().split(/\s+/);
      const local = f[1]?.split(':')[1];
      if (f[3] !== LISTEN || !local || !f[9]) continue;
      if (port === undefined || parseInt(local, 16) === port) inodes.add(f[9]);
    }
  }
  return inodes;
}

/**
 * Does this process hold a listening TCP socket on `port` (on any port when undefined)? Only one
 * process (and the children it forked) can: the port is the node's address. False where /proc is
 * missing or the process' descriptors cannot be read (another user's).
 */
export async function listensOn(pid: number, port: number | undefined): Promise<boolean> {
  const inodes = await listeningInodes(pid, port);
  if (!inodes.size) return false;
  const fds = await readdir(`/proc/${pid}/fd`).catch((): string[] => []);
  const links = await Promise.all(fds.map((fd) => readlink(`/proc/${pid}/fd/${fd}`).catch(() => '')));
  return links.some((link) => inodes.has(/^socket:\[(\d+)\]$/.exec(link)?.[1] ?? ''));
}
