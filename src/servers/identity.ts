/**
 * Which server answered, from its INFO server section. Valkey keeps `redis_version` at the Redis
 * version it is compatible with (7.2.4 for Valkey 8.1) and names itself in `server_name` and
 * `valkey_version`; Redis has neither. So `redis_version` alone would call Valkey "Redis 7.2.4".
 */
export interface ServerIdentity {
  /** `redis` or `valkey` (INFO's server_name, lower case). */
  name: string;
  version: string;
}

export const UNKNOWN_SERVER: ServerIdentity = { name: 'unknown', version: 'unknown' };

export function serverIdentity(info: Record<string, string | undefined>): ServerIdentity {
  const name = (info.server_name ?? 'redis').toLowerCase();
  const version = info[`${name}_version`] ?? info.redis_version ?? 'unknown';
  return { name, version };
}

/** "Valkey 8.1.1", "Redis 7.0.15"; a result saved before servers were named has only its redis_version. */
export function serverLabel(server: ServerIdentity | undefined, redisVersion?: string): string {
  if (!server || server.name === 'unknown') return `Redis ${redisVersion ?? 'unknown'}`;
  const name = server.name === 'valkey' ? 'Valkey' : server.name === 'redis' ? 'Redis' : server.name;
  return `${name} ${server.version}`;
}
