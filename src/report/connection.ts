import { relative } from 'node:path';
import { dataNodes, sentinelNodes, type Topology } from '../topology/types.js';

/** The settings an application uses to reach a topology. The password is named by file, never shown. */
export interface ConnectionInfo {
  kind: Topology['kind'];
  url?: string;
  sentinels?: { host: string; port: number }[];
  masterName?: string;
  clusterSeeds?: { host: string; port: number }[];
  /** The admin (default user) password file. */
  passwordFile: string | null;
  /** BullMQ's ACL user and its password file, when the spec has `auth.acl`. */
  user?: { name: string; passwordFile: string };
  /** TLS-only nodes: the CA and the client certificate/key to present. */
  tls?: { ca: string; cert: string; key: string };
}

export interface SecurityFiles {
  aclPasswordFile?: string;
  tls?: { ca: string; cert: string; key: string };
}

export function connectionInfo(t: Topology, passwordFile: string, files: SecurityFiles = {}): ConnectionInfo {
  const info = baseInfo(t, passwordFile);
  if (t.auth.enabled && t.auth.acl.enabled && files.aclPasswordFile) info.user = { name: t.auth.acl.user, passwordFile: files.aclPasswordFile };
  if (t.tls.enabled && files.tls) {
    info.tls = files.tls;
    if (info.url) info.url = info.url.replace(/^redis:/, 'rediss:');
  }
  return info;
}

function baseInfo(t: Topology, passwordFile: string): ConnectionInfo {
  const pw = t.auth.enabled ? passwordFile : null;
  const ep = (n: { host: string; port: number }) => ({ host: n.host, port: n.port });
  switch (t.kind) {
    case 'standalone': {
      const [n] = dataNodes(t);
      if (!n) throw new Error(`standalone topology ${t.name} has no data node`);
      return { kind: t.kind, url: `redis://${n.host}:${n.port}`, passwordFile: pw };
    }
    case 'sentinel':
      if (!t.sentinel) throw new Error(`sentinel topology ${t.name} has no sentinel plan`);
      return { kind: t.kind, sentinels: sentinelNodes(t).map(ep), masterName: t.sentinel.masterName, passwordFile: pw };
    case 'cluster':
      return { kind: t.kind, clusterSeeds: dataNodes(t).map(ep), passwordFile: pw };
  }
}

/** Addresses shown per list; any of them is enough for a client to discover the rest. */
const SEEDS_SHOWN = 6;

export function formatConnection(c: ConnectionInfo): string[] {
  const rel = (p: string) => relative(process.cwd(), p) || p;
  const pw = c.passwordFile ? `$(cat ${rel(c.passwordFile)})` : undefined;
  // A 100-node cluster's seeds would be one 2,000-character line; a client needs only a few (`up --json` has them all).
  const list = (eps: { host: string; port: number }[]) =>
    eps
      .slice(0, SEEDS_SHOWN)
      .map((e) => `${e.host}:${e.port}`)
      .join(',') + (eps.length > SEEDS_SHOWN ? ` (and ${eps.length - SEEDS_SHOWN} more; ${eps.length} in all, every one in --json)` : '');
  const lines: string[] = [];
  if (c.url) lines.push(`url:          ${c.url}`);
  if (c.sentinels) lines.push(`sentinels:    ${list(c.sentinels)}`, `master name:  ${c.masterName}`);
  if (c.clusterSeeds) lines.push(`cluster seeds: ${list(c.clusterSeeds)}  (queues need a hash-tagged prefix, e.g. '{bull}')`);
  if (c.user) lines.push(`BullMQ user:  ${c.user.name}, password in ${rel(c.user.passwordFile)} (0600; ACL: BullMQ's commands and keys only)`);
  if (c.passwordFile) {
    lines.push(
      c.user
        ? `admin:        default user, password in ${rel(c.passwordFile)} (0600; for redis-arc and operators)`
        : `password:     in ${rel(c.passwordFile)} (0600)`,
    );
  }
  if (c.tls) lines.push(`tls:          CA ${rel(c.tls.ca)}, client certificate ${rel(c.tls.cert)} + key ${rel(c.tls.key)}`);
  const tlsFlags = c.tls ? `--tls --cacert ${rel(c.tls.ca)} --cert ${rel(c.tls.cert)} --key ${rel(c.tls.key)} ` : '';
  const sentinel = c.sentinels?.[0];
  const seed = c.clusterSeeds?.[0];
  const cli = sentinel
    ? `redis-cli ${tlsFlags}-p ${sentinel.port} SENTINEL get-master-addr-by-name ${c.masterName}`
    : seed
      ? `redis-cli ${tlsFlags}-c -p ${seed.port} CLUSTER INFO`
      : `redis-cli ${tlsFlags}-u ${c.url} PING`;
  lines.push(`try:          ${pw ? `REDISCLI_AUTH="${pw}" ` : ''}${cli}`);
  return lines;
}
