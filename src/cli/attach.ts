import { rootCertificates } from 'node:tls';
import type { z } from 'zod';
import { fsReason, readUserFile } from '../errors/fs-error.js';
import { printableValue } from '../errors/printable.js';
import { rememberSecret } from '../errors/redact.js';
import { checkPassword } from '../specfile/secret.js';
import { UsageError } from '../errors/index.js';
import { parseEndpoint, parseEndpoints, type Endpoint } from '../redis/endpoint.js';
import type { Target } from '../redis/target.js';
import { checkAppCredentials } from '../security/app-check.js';
import { checkAttachKind } from './attach-kind.js';
import type { FieldsOf } from './flags/field.js';
import type { ATTACH } from './flags/shared.js';

/** The attach flags (flags/shared.ts ATTACH) as a command's schema parsed them. */
export type AttachOptions = z.output<z.ZodObject<FieldsOf<typeof ATTACH>>>;

/** The probe target the attach flags describe. */
export async function attachTarget(opts: AttachOptions): Promise<Target> {
  const target = await describedTarget(opts);
  await checkAttachKind(target);
  await checkAppCredentials(target);
  return target;
}

/**
 * Read the attach flags' passwords (--password, --password-file, REDIS_PASSWORD, the --url's,
 * --user-password-file) for the scrubber only, connecting nowhere: done before a user's module
 * is loaded, so that an error it throws quoting one is masked.
 */
export async function rememberAttachSecrets(opts: AttachOptions): Promise<void> {
  rememberSecret(await attachPassword(opts));
  if (opts.url !== undefined) rememberSecret(parseUrl(opts.url).password);
  await attachUser(opts);
}

async function describedTarget(opts: AttachOptions): Promise<Target> {
  const password = await attachPassword(opts);
  rememberSecret(password);
  const url = opts.url !== undefined ? parseUrl(opts.url) : undefined;
  const tls = await attachTls(opts, Boolean(url?.tls));
  const app = await attachUser(opts);
  const natMap = opts.map !== undefined ? parseMap(opts.map) : undefined;
  const withTls = { ...(tls && { tls }), ...(app && { app }), ...(natMap && { natMap }) };
  if (opts.sentinel) {
    return { kind: 'sentinel', sentinels: parseEndpoints(opts.sentinel), masterName: opts.masterName, password, sentinelPassword: password, ...withTls };
  }
  if (opts.cluster) return { kind: 'cluster', seeds: parseEndpoints(opts.cluster), password, ...withTls };
  if (!url) throw new UsageError('attach: give --sentinel, --cluster or --url');
  rememberSecret(url.password);
  return { kind: 'standalone', node: url.endpoint, password: password ?? url.password, ...withTls };
}

/**
 * --map: announced `host:port` = where this machine reaches it (ioredis' natMap shape). Nodes that
 * announce names only their own network resolves (Kubernetes pods) are reached through port-forwards.
 */
function parseMap(text: string): Record<string, Endpoint> {
  const map: Record<string, Endpoint> = {};
  for (const pair of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [announced, reached, extra] = pair.split('=');
    if (!announced || !reached || extra !== undefined) throw new UsageError(`--map '${printableValue(pair)}': expected announced-host:port=reached-host:port`);
    const from = parseEndpoint(announced);
    map[`${from.host}:${from.port}`] = parseEndpoint(reached);
  }
  if (!Object.keys(map).length) throw new UsageError('--map: expected announced-host:port=reached-host:port[,...]');
  return map;
}

/** --user and --user-password-file: BullMQ's ACL user on a topology redis-arc did not start. */
async function attachUser(opts: AttachOptions): Promise<{ username: string; password: string } | undefined> {
  if (opts.user === undefined) {
    if (opts.userPasswordFile !== undefined) throw new UsageError('--user-password-file needs --user (the ACL user it belongs to)');
    return undefined;
  }
  if (opts.userPasswordFile === undefined) throw new UsageError(`--user ${opts.user} needs --user-password-file (a file holding its password)`);
  return { username: opts.user, password: await readFlagPassword('--user-password-file', opts.userPasswordFile) };
}

/** TLS material from --tls-ca/--tls-cert/--tls-key (PEM files); `rediss://` alone means TLS with the system CAs. */
async function attachTls(opts: AttachOptions, rediss: boolean): Promise<{ ca: string; cert?: string; key?: string } | undefined> {
  const read = async (flag: string, path: string | undefined) => (path === undefined ? undefined : (await readFlagFile(flag, path)).toString('utf8'));
  const [ca, cert, key] = [await read('--tls-ca', opts.tlsCa), await read('--tls-cert', opts.tlsCert), await read('--tls-key', opts.tlsKey)];
  if (Boolean(cert) !== Boolean(key)) throw new UsageError('--tls-cert and --tls-key go together: the client certificate and its key');
  if ((cert || key) && !ca && !rediss) throw new UsageError("--tls-cert/--tls-key need --tls-ca (the CA that signed the nodes' certificates)");
  if (!ca && !rediss) return undefined;
  // rediss:// without --tls-ca: the CAs Node trusts by default (a managed Redis with a public certificate).
  return { ca: ca ?? rootCertificates.join('\n'), ...(cert && { cert }), ...(key && { key }) };
}

async function attachPassword(opts: AttachOptions): Promise<string | undefined> {
  if (opts.password !== undefined) return opts.password;
  if (opts.passwordFile !== undefined) {
    return readFlagPassword('--password-file', opts.passwordFile);
  }
  return process.env.REDIS_PASSWORD || undefined;
}

function parseUrl(text: string): { endpoint: { host: string; port: number }; password?: string; tls: boolean } {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    // URL refuses a port above 65535 without saying so: name it the way the other address flags do.
    const hostPort = /^rediss?:\/\/(?:[^@/]*@)?(\[[^\]]*\]|[^:/]+):(\d+)(?:\/|$)/.exec(text);
    if (hostPort) parseEndpoint(`${hostPort[1]}:${hostPort[2]}`);
    throw new UsageError(`--url ${redact(text)}: expected redis://[:password@]host[:port]`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw new UsageError(`--url ${redact(text)}: expected a redis:// or rediss:// (TLS) URL`);
  const endpoint = parseEndpoint(`${url.hostname}:${url.port || '6379'}`);
  return { endpoint, password: url.password ? decodePassword(url.password, text) : undefined, tls: url.protocol === 'rediss:' };
}

/** URL accepts a stray `%` in the password; decoding it would throw "URI malformed". */
function decodePassword(encoded: string, text: string): string {
  try {
    return decodeURIComponent(encoded);
  } catch {
    throw new UsageError(`--url ${redact(text)}: the password is not valid percent-encoding; write % as %25, or use --password-file`);
  }
}

const redact = (url: string) => url.replace(/\/\/([^@/]*)@/, '//***@');

/** A file a flag names: unreadable is a usage error naming the flag, the path, what is wrong and the fix. */
async function readFlagFile(flag: string, path: string): Promise<Buffer> {
  return readUserFile(path).catch((err: NodeJS.ErrnoException) => {
    throw new UsageError(`${flag} ${printableValue(path)}: cannot read it: ${fsReason(err.code ?? 'EIO', path)}`);
  });
}

/** A password file given by a flag: checked like a project's (UTF-8, one line), and remembered for the scrubber. */
async function readFlagPassword(flag: string, path: string): Promise<string> {
  const password = checkPassword(await readFlagFile(flag, path), `${flag} ${path}`, { attached: true });
  rememberSecret(password);
  return password;
}
