import type { ClientAddresses } from '../client/index.js';
import { appAuth, appSentinelAuth } from '../connect/options.js';
import type { Target } from '../redis/target.js';

/** The topology as an application is given it: addresses and its login (the ACL user when there is one). */
export function addressesOf(target: Target): ClientAddresses {
  const auth = appAuth(target);
  const login = { ...(auth.username && { username: auth.username }), ...(auth.password && { password: auth.password }), ...(auth.tls && { tls: auth.tls }) };
  const ep = (e: { host: string; port: number }) => ({ host: e.host, port: e.port });
  if (target.kind === 'standalone') return { kind: 'standalone', ...ep(target.node), ...login };
  if (target.kind === 'cluster') return { kind: 'cluster', nodes: target.seeds.map(ep), ...login };
  const s = appSentinelAuth(target);
  return {
    kind: 'sentinel',
    sentinels: target.sentinels.map(ep),
    name: target.masterName,
    ...(s.username && { sentinelUsername: s.username }),
    ...(s.password && { sentinelPassword: s.password }),
    ...login,
  };
}
