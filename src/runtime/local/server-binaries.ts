import { ArcError } from '../../errors/index.js';
import { resolveServer, type ServerBinaries } from '../../servers/resolve.js';
import type { LocalPaths } from './paths.js';
import { readState } from './state.js';

/**
 * The configured server's binaries, found before anything starts. A start that adds nodes to
 * running ones keeps their server: mixing two servers in one topology is refused.
 */
export async function serverForStart(
  paths: LocalPaths,
  topologyName: string,
  configured: string | undefined,
  o: { sentinels: boolean; fresh: boolean },
): Promise<ServerBinaries> {
  const [server, state] = await Promise.all([resolveServer(configured, { sentinel: o.sentinels }), o.fresh ? undefined : readState(paths)]);
  const running = state?.server && Object.keys(state.nodes).length > 0 ? state.server : undefined;
  if (running && running.server !== server.server) {
    throw new ArcError(`${topologyName}'s nodes were started with server ${running.name}, not ${server.name}; run \`redis-arc down\` first to change servers`);
  }
  return server;
}
