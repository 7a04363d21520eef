import { relative } from 'node:path';
import { dataNodes, sentinelNodes, type Topology } from '../topology/types.js';

/** The settings an application uses to reach a topology. The password is named by file, never shown. */
export interface ConnectionInfo {
  kind: Topology['kind'];
  url?: string;
  sentinels?: { host: string; port: number }[];
  masterName?: string;
  clusterSeeds?: { host: string; port: number }[];
  passwordFile: string | null;
}

export function connectionInfo(t: Topology, passwordFile: string): ConnectionInfo {
  const pw = t.auth.enabled ? passwordFile : null;
  const ep = (n: { host: string; port: number }) => ({ host: n.host, port: n.port });
  switch (t.kind) {
    case 'standalone': {
      const n = dataNodes(t)[0]!;
      return { kind: t.kind, url: `redis://${n.host}:${n.port}`, passwordFile: pw };
    }
    case 'sentinel':
      return { kind: t.kind, sentinels: sentinelNodes(t).map(ep), masterName: t.sentinel!.masterName, passwordFile: pw };
    case 'cluster':
      return { kind: t.kind, clusterSeeds: dataNodes(t).map(ep), passwordFile: pw };
  }
}

export function formatConnection(c: ConnectionInfo): string[] {
  const pw = c.passwordFile ? `$(cat ${relative(process.cwd(), c.passwordFile) || c.passwordFile})` : undefined;
  const list = (eps: { host: string; port: number }[]) => eps.map((e) => `${e.host}:${e.port}`).join(',');
  const lines: string[] = [];
  if (c.url) lines.push(`url:          ${c.url}`);
  if (c.sentinels) lines.push(`sentinels:    ${list(c.sentinels)}`, `master name:  ${c.masterName}`);
  if (c.clusterSeeds) lines.push(`cluster seeds: ${list(c.clusterSeeds)}  (queues need a hash-tagged prefix, e.g. '{bull}')`);
  if (c.passwordFile) lines.push(`password:     in ${relative(process.cwd(), c.passwordFile) || c.passwordFile} (0600)`);
  const first = c.sentinels?.[0] ?? c.clusterSeeds?.[0];
  const cli = c.sentinels
    ? `redis-cli -p ${first!.port} SENTINEL get-master-addr-by-name ${c.masterName}`
    : c.clusterSeeds
      ? `redis-cli -c -p ${first!.port} CLUSTER INFO`
      : `redis-cli -u ${c.url} PING`;
  lines.push(`try:          ${pw ? `REDISCLI_AUTH="${pw}" ` : ''}${cli}`);
  return lines;
}
