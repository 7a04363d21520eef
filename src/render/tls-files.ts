import { join } from 'node:path';

/**
 * What `init --tls` generates: one CA, one certificate every node presents (server and, for
 * replication, the cluster bus and sentinel-to-master links, client), and one client
 * certificate for host-side tools and applications. Nodes require a client certificate
 * (`tls-auth-clients yes`), so TLS authenticates both ends and the password still authorises.
 */
export const TLS_FILES = {
  ca: 'ca.crt',
  caKey: 'ca.key',
  cert: 'redis.crt',
  key: 'redis.key',
  clientCert: 'client.crt',
  clientKey: 'client.key',
} as const;

/** The file paths a node's conf names (server side). */
export function nodeTlsFiles(dir: string): { certFile: string; keyFile: string; caFile: string } {
  return { certFile: join(dir, TLS_FILES.cert), keyFile: join(dir, TLS_FILES.key), caFile: join(dir, TLS_FILES.ca) };
}
