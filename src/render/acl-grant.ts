/**
 * What the `--acl` user may run: exactly the commands the installed BullMQ sends, no category.
 * The lists are data so that `src/security/acl-derive.ts` can re-derive them from
 * node_modules/bullmq (its Lua scripts and its client interface) and a unit test can name any
 * difference (test/unit/acl-grant.test.ts). Refreshed for BullMQ 6.7.0 on ioredis 6.0.0.
 */

/** Every command BullMQ's Lua scripts run (Redis checks each one against the user's rules). */
export const LUA_COMMANDS: readonly string[] = [
  'del',
  'exists',
  'get',
  'hdel',
  'hexists',
  'hget',
  'hgetall',
  'hincrby',
  'hlen',
  'hmget',
  'hmset',
  'hscan',
  'hset',
  'incr',
  'incrby',
  'lindex',
  'llen',
  'lpop',
  'lpos',
  'lpush',
  'lrange',
  'lrem',
  'lset',
  'ltrim',
  'persist',
  'pexpire',
  'pexpireat',
  'pttl',
  'rename',
  'rpop',
  'rpoplpush',
  'rpush',
  'sadd',
  'scard',
  'set',
  'sismember',
  'smembers',
  'srem',
  'sscan',
  // Relay (relayTime.lua, relayPublish-1.lua): message ids and leases are stamped with the server's clock.
  'time',
  'type',
  'unlink',
  'xadd',
  'xdel',
  'xlen',
  'xrange',
  'xread',
  'xtrim',
  'zadd',
  'zcard',
  'zcount',
  'zlexcount',
  'zpopmin',
  'zrange',
  'zrangebylex',
  'zrangebyscore',
  'zrem',
  'zremrangebyrank',
  'zremrangebyscore',
  'zrevrange',
  'zrevrangebyscore',
  'zscore',
];

/**
 * Lua calls whose command is a variable, resolved by reading the script (`file:variable`).
 * A new variable call site fails the derivation until it is added here.
 */
export const DYNAMIC_LUA_CALLS: Readonly<Record<string, readonly string[]>> = {
  'paginate-1.lua:countCommand': ['scard', 'hlen'],
  'includes/findPage.lua:command': ['sscan', 'hscan'],
  'includes/addJobInTargetList.lua:pushCmd': ['lpush', 'rpush'],
};

/**
 * BullMQ's client side talks to Redis only through its `IRedisClient` / `IRedisTransaction`
 * interfaces (interfaces/redis-client.d.ts): each method and the commands it sends. [] = no command.
 */
export const CLIENT_METHODS: Readonly<Record<string, readonly string[]>> = {
  connect: [],
  disconnect: [],
  duplicate: [],
  on: [],
  once: [],
  removeListener: [],
  off: [],
  emit: [],
  setMaxListeners: [],
  getMaxListeners: [],
  removeAllListeners: [],
  defineCommand: [],
  nodes: [],
  pipeline: [],
  // ioredis sends a script as EVAL on a connection's first use, then EVALSHA (Script.js).
  runCommand: ['eval', 'evalsha'],
  multi: ['multi', 'exec'],
  exec: ['exec'],
  quit: ['quit'],
  hgetall: ['hgetall'],
  hget: ['hget'],
  hmget: ['hmget'],
  hset: ['hset'],
  hdel: ['hdel'],
  hexists: ['hexists'],
  get: ['get'],
  set: ['set'],
  del: ['del'],
  zrange: ['zrange'],
  zrevrange: ['zrevrange'],
  zcard: ['zcard'],
  zscore: ['zscore'],
  lrange: ['lrange'],
  llen: ['llen'],
  ltrim: ['ltrim'],
  lpos: ['lpos'],
  smembers: ['smembers'],
  xadd: ['xadd'],
  xread: ['xread'],
  xtrim: ['xtrim'],
  bzpopmin: ['bzpopmin'],
  hscan: ['hscan'],
  sscan: ['sscan'],
  // Redis version and maxmemory-policy check (RedisConnection).
  info: ['info'],
  clientSetName: ['client|setname'],
  // Queue.getWorkers/getWorkersCount/getQueueEvents and Relay.getNodeConnections: other clients' names.
  clientList: ['client|list'],
  // Relay: the db number of its own connection.
  clientInfo: ['client|info'],
  // Queue.removeOrphanedJobs (SCAN MATCH <prefix>*), and removeAllQueueData.
  scan: ['scan'],
  scanStream: ['scan'],
};

/**
 * Sent by ioredis itself on BullMQ's connections (not derivable from BullMQ): command and why.
 * Not granted: CLIENT SETINFO (lib-name/lib-ver, sent on connect): Redis 7.0 does not know it, so
 * an ACL rule naming it would stop the node from starting; ioredis ignores its refusal.
 */
export const CONNECTION_COMMANDS: Readonly<Record<string, string>> = {
  info: 'ready check on every connection (enableReadyCheck)',
  'cluster|slots': 'cluster clients: the slot map',
  'cluster|info': 'cluster clients: ready check',
  asking: 'cluster clients: following an ASK redirection during a resharding',
};

/** The granted commands, sorted, each once. */
export function bullmqGrant(): string[] {
  const all = new Set<string>([...LUA_COMMANDS, ...Object.values(CLIENT_METHODS).flat(), ...Object.keys(CONNECTION_COMMANDS)]);
  return [...all].sort();
}

/** The grant as ACL rules: `+del +eval ...` (after `-@all` in templates/secrets/auth.conf). */
export function aclCommandRules(): string {
  return bullmqGrant()
    .map((c) => `+${c}`)
    .join(' ');
}
