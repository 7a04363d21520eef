import { execFile } from 'node:child_process';
import { access, chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { isAbsolute, join } from 'node:path';
import { promisify } from 'node:util';
import { ArcError } from '../errors/index.js';
import { TLS_FILES } from '../render/tls-files.js';
import { kubeLayout } from '../topology/kube-layout.js';
import { fsError } from '../errors/fs-error.js';
import { errnoCode, errorMessage, thrownText } from '../errors/thrown.js';
import type { Topology } from '../topology/types.js';

// The folder's layout is render's (confs name these files); generating them is ours.
export { TLS_FILES } from '../render/tls-files.js';

const run = promisify(execFile);

/** What an ioredis client (or Node's tls.connect) needs: PEM text. Passed as `tls`. */
export interface TlsClientOptions {
  ca: string;
  cert: string;
  key: string;
}

export function tlsDirPath(specDir: string, dir: string): string {
  return isAbsolute(dir) ? dir : join(specDir, dir);
}

/** The names a node certificate is valid for: loopback for local processes and published ports; container addresses and names under docker; Kubernetes pod names. */
export function certificateNames(t: Topology): { ips: string[]; dns: string[] } {
  const ips = new Set(['127.0.0.1']);
  const dns = new Set(['localhost']);
  for (const n of t.nodes) {
    // Under `announce: hostnames` a node announces a name: a DNS entry, not an IP one.
    (isIP(n.announceIp) ? ips : dns).add(n.announceIp);
    ips.add(n.host);
    dns.add(n.id);
  }
  // The pod names `render --target kubernetes` gives the same nodes, so one CA serves both.
  for (const p of kubeLayout(t).pods) dns.add(p.dnsName);
  return { ips: [...ips], dns: [...dns] };
}

/**
 * Create the CA and certificates in `dir` unless they are all there; never replaces existing
 * ones (nodes and clients already trust them). Folder 0700, keys 0600. Needs the `openssl` CLI.
 */
export async function ensureTls(dir: string, names: { ips: string[]; dns: string[] }): Promise<{ created: boolean }> {
  const files = Object.values(TLS_FILES).map((f) => join(dir, f));
  const present = await Promise.all(
    files.map((f) =>
      access(f).then(
        () => true,
        () => false,
      ),
    ),
  );
  if (present.every(Boolean)) return { created: false };
  if (present.some(Boolean)) {
    throw new ArcError(
      `${dir}: some TLS files are missing (${Object.values(TLS_FILES)
        .filter((_, i) => !present[i])
        .join(', ')}); delete the folder and run \`redis-arc render\` to generate a new CA`,
    );
  }
  // A folder redis-arc creates is 0700; one the user made keeps the mode they gave it (keys stay 0600).
  const created = await mkdir(dir, { recursive: true, mode: 0o700 }).catch((err: unknown) => {
    throw fsError(err, dir, 'tls.dir');
  });
  if (created !== undefined) await chmod(dir, 0o700);
  const p = (f: keyof typeof TLS_FILES) => join(dir, TLS_FILES[f]);
  const ext = join(dir, 'ext.cnf');
  const san = [...names.ips.map((ip) => `IP:${ip}`), ...names.dns.map((d) => `DNS:${d}`)].join(',');
  try {
    // EC P-256: small, fast handshakes, supported by every OpenSSL Redis links against.
    await openssl([
      'req',
      '-x509',
      '-new',
      '-nodes',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-keyout',
      p('caKey'),
      '-out',
      p('ca'),
      '-days',
      '3650',
      '-subj',
      '/CN=redis-arc CA',
    ]);
    await issue(
      dir,
      'node',
      p('key'),
      p('cert'),
      ext,
      `basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth,clientAuth\nsubjectAltName=${san}\n`,
    );
    await issue(
      dir,
      'client',
      p('clientKey'),
      p('clientCert'),
      ext,
      'basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\n',
    );
  } catch (err) {
    await Promise.all(files.map((f) => rm(f, { force: true })));
    throw err;
  } finally {
    await rm(ext, { force: true });
    await rm(join(dir, 'ca.srl'), { force: true });
  }
  for (const f of [p('caKey'), p('key'), p('clientKey')]) await chmod(f, 0o600);
  for (const f of [p('ca'), p('cert'), p('clientCert')]) await chmod(f, 0o644);
  return { created: true };
}

async function issue(dir: string, what: string, key: string, cert: string, ext: string, extensions: string): Promise<void> {
  const csr = join(dir, `${what}.csr`);
  await writeFile(ext, extensions, { mode: 0o600 });
  try {
    await openssl([
      'req',
      '-new',
      '-nodes',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-keyout',
      key,
      '-out',
      csr,
      '-subj',
      `/CN=redis-arc ${what}`,
    ]);
    await openssl([
      'x509',
      '-req',
      '-in',
      csr,
      '-CA',
      join(dir, TLS_FILES.ca),
      '-CAkey',
      join(dir, TLS_FILES.caKey),
      '-CAcreateserial',
      '-out',
      cert,
      '-days',
      '825',
      '-extfile',
      ext,
    ]);
  } finally {
    await rm(csr, { force: true });
  }
}

async function openssl(args: string[]): Promise<void> {
  try {
    await run('openssl', args, { timeout: 30_000 });
  } catch (err) {
    if (errnoCode(err) === 'ENOENT')
      throw new ArcError('TLS needs the openssl command to generate certificates; install it (apt-get install openssl) or run scripts/install-deps.sh');
    throw new ArcError(`openssl ${args[0]} failed: ${(thrownText(err, 'stderr') ?? errorMessage(err)).trim().split('\n').pop()}`);
  }
}

/** The client side of a generated TLS folder. */
export async function readTlsClient(dir: string): Promise<TlsClientOptions> {
  const read = (f: string) =>
    readFile(join(dir, f), 'utf8').catch((err: unknown) => {
      throw new ArcError(`${join(dir, f)}: cannot read it (${String(errnoCode(err))}); run \`redis-arc render\` to generate the TLS files`);
    });
  const [ca, cert, key] = await Promise.all([read(TLS_FILES.ca), read(TLS_FILES.clientCert), read(TLS_FILES.clientKey)]);
  return { ca, cert, key };
}
