import { stat } from 'node:fs/promises';
import { resolve as resolvePath } from 'node:path';
import { ArcError, UsageError } from '../errors/index.js';
import { ServerFolder } from './cache.js';
import { catalogueServer, DEFAULT_SERVER, isServerPath, SERVER_NAMES } from './catalogue.js';
import { findOnPath, isRunnable } from './path.js';

/** What the runtime runs for a server: a data node is `server conf`, a sentinel `sentinel conf ...sentinelArgs`. */
export interface ServerBinaries {
  /** The catalogue name, or the path the user gave. */
  name: string;
  server: string;
  sentinel: string;
  /** A user's binary runs sentinels as `binary conf --sentinel` (a name it could pick the mode from is not there). */
  sentinelArgs: string[];
}

const INSTALL_HINT =
  'install it: sudo apt-get install -y redis-server redis-sentinel redis-tools (Debian/Ubuntu), brew install redis (macOS), or use --runtime docker or --server valkey-8.1 (docs/servers.md)';

/** A `--server` / `server:` value that names nothing known: a usage error before anything starts. */
export function checkServerName(value: string): void {
  if (isServerPath(value) || catalogueServer(value)) return;
  throw new UsageError(
    `server ${JSON.stringify(value)}: expected one of ${SERVER_NAMES.join(', ')} or a path to a redis-server / valkey-server binary (with a /)`,
  );
}

/**
 * The binaries of a server, found now: on PATH (redis-7.0), in the cache (`servers add`), or the
 * user's own path. Fails in one line naming what to do when they are not there.
 */
export async function resolveServer(value: string = DEFAULT_SERVER, opts: { cacheDir?: string; sentinel?: boolean } = {}): Promise<ServerBinaries> {
  checkServerName(value);
  if (isServerPath(value)) {
    const path = resolvePath(value);
    const file = await stat(path).catch(() => undefined);
    if (!file?.isFile() || !(await isRunnable(path)))
      throw new ArcError(`server ${path}: not a runnable file; give the path of a redis-server or valkey-server binary`);
    return { name: value, server: path, sentinel: path, sentinelArgs: ['--sentinel'] };
  }
  const entry = catalogueServer(value);
  if (entry?.source === 'debian') {
    const folder = new ServerFolder(entry.name, opts.cacheDir);
    const server = folder.bin('redis-server');
    if (!(await isRunnable(server)))
      throw new ArcError(`server ${entry.name} is not in the cache (${folder.dir}); fetch it with \`redis-arc servers add ${entry.name}\``);
    return { name: entry.name, server, sentinel: folder.bin('redis-sentinel'), sentinelArgs: [] };
  }
  const server = await findOnPath('redis-server');
  if (!server) throw new ArcError(`redis-server not found on PATH; ${INSTALL_HINT}`);
  const sentinel = await findOnPath('redis-sentinel');
  if (!sentinel && opts.sentinel) throw new ArcError(`redis-sentinel not found on PATH; ${INSTALL_HINT}`);
  return { name: DEFAULT_SERVER, server, sentinel: sentinel ?? server, sentinelArgs: sentinel ? [] : ['--sentinel'] };
}
