import type { ClientSettings, RoleSettings } from '../client-settings.js';
import type { ClientDraft, Rule } from './rule.js';

type Kind = ClientSettings['kind'];

/**
 * The kind of topology a connection can work on: an ioredis Cluster, options (or an instance)
 * with `sentinels`, or one node (a host, port or socket path). Undefined for options that name
 * no server at all: ioredis' localhost:6379 is rarely what a module meant, and says nothing of its kind.
 */
export function connectionKind(s: RoleSettings): Kind | undefined {
  if (s.cluster) return 'cluster';
  const { sentinels, host, port, path } = s.options;
  if (Array.isArray(sentinels) && sentinels.length > 0) return 'sentinel';
  return host !== undefined || port !== undefined || path !== undefined ? 'standalone' : undefined;
}

const SHOWN: Record<Kind, string> = {
  cluster: 'an ioredis Cluster',
  sentinel: 'a sentinel connection (sentinels, name)',
  standalone: 'a one-node connection (host, port)',
};

const FIX: Record<Kind, string> = {
  cluster: 'return new Cluster(addresses.nodes, { redisOptions: { ... } }) when addresses.kind is cluster',
  sentinel: 'return { sentinels: addresses.sentinels, name: addresses.name, ... } when addresses.kind is sentinel',
  standalone: 'return { host: addresses.host, port: addresses.port, ... } when addresses.kind is standalone',
};

/** Why a connection of `has` does not work on a topology of `on`; undefined when it does, or only loses the failover (a warning below). */
function whyBroken(has: Kind | undefined, on: Kind): string | undefined {
  if (has === on) return undefined;
  if (on === 'cluster')
    return 'a cluster spreads the keys over several masters: a connection to one node is answered MOVED for every key another master owns, so adds and jobs fail';
  if (has === undefined) return undefined;
  if (has === 'cluster')
    return `an ioredis Cluster asks for CLUSTER SLOTS, which a ${on} topology refuses (cluster support disabled): it never becomes ready and adds wait for ever`;
  if (has === 'sentinel') return 'a standalone topology has no sentinels to ask for the master: the connection never becomes ready';
  return undefined;
}

/**
 * The connection a module returns is of the topology's kind. A mismatch makes the run stick (a
 * Cluster on a sentinel topology never gets ready) and failover-test and bench refuse it up front
 * (src/profiles/kind-check.ts); a one-node connection on a sentinel topology works but follows no
 * failover, which is what a trial measures: a warning only.
 */
export const clientKind: Rule = {
  id: 'client-kind',
  client: ({ roles, kind }) =>
    (['producer', 'worker'] as const).flatMap((role): ClientDraft[] => {
      const has = connectionKind(roles[role]);
      const broken = whyBroken(has, kind);
      if (broken)
        return [
          {
            severity: 'error',
            path: `${role} connection`,
            observed: `${has ? SHOWN[has] : 'options naming no server'} on a ${kind} topology`,
            message: broken,
            fix: FIX[kind],
          },
        ];
      if (kind === 'sentinel' && has === 'standalone')
        return [
          {
            severity: 'warning',
            path: `${role} connection`,
            observed: `${SHOWN[has]} on a sentinel topology`,
            message: 'it connects to one node, not through the sentinels: after a failover it stays on the old master',
            fix: FIX.sentinel,
          },
        ];
      return [];
    }),
};
