import { targetFromTopology, type Credentials, type Target } from '../redis/target.js';
import { ensurePassword, passwordPath, readPassword } from '../specfile/secret.js';
import type { Topology } from '../topology/types.js';
import { join } from 'node:path';
import { checkAppCredentials } from './app-check.js';
import { TLS_FILES, certificateNames, ensureTls, readTlsClient, tlsDirPath, type TlsClientOptions } from './tls.js';

/** Everything secret a project's clients and nodes need, read from the 0600 files beside the spec. */
export interface ProjectSecrets extends Credentials {
  /** A project's nodes always have a client certificate. */
  tls?: TlsClientOptions;
  /** Absolute TLS folder (the nodes' certificate files live there), when `tls.enabled`. */
  tlsDir?: string;
}

/**
 * The parts of a project (src/project) that locate its secrets; declared here, structurally, so
 * security does not import the project layer above it.
 */
export interface ProjectPaths {
  dir: string;
  topology: Topology;
}
export interface ProjectFiles extends ProjectPaths {
  /** The admin password file, resolved against `dir`. */
  passwordFile: string;
}

export const aclPasswordPath = (p: ProjectPaths): string => passwordPath(p.dir, p.topology.auth.acl.passwordFile);
export const projectTlsDir = (p: ProjectPaths): string => tlsDirPath(p.dir, p.topology.tls.dir);
const aclOn = (t: Topology) => t.auth.enabled && t.auth.acl.enabled;

/** Where the ACL password and the client TLS files are, for connection info (names, never contents). */
export function securityFiles(p: ProjectPaths): { aclPasswordFile?: string; tls?: { ca: string; cert: string; key: string } } {
  const t = p.topology;
  const dir = projectTlsDir(p);
  return {
    ...(aclOn(t) && { aclPasswordFile: aclPasswordPath(p) }),
    ...(t.tls.enabled && { tls: { ca: join(dir, TLS_FILES.ca), cert: join(dir, TLS_FILES.clientCert), key: join(dir, TLS_FILES.clientKey) } }),
  };
}

/** Create what is missing (ACL password, TLS CA and certificates), as `render` and `init` do; existing files are kept. */
export async function ensureProjectSecrets(p: ProjectPaths): Promise<{ aclPassword?: string; aclCreated: boolean; tlsCreated: boolean }> {
  const t = p.topology;
  const acl = aclOn(t) ? await ensurePassword(aclPasswordPath(p), { sentinel: t.kind === 'sentinel' }) : undefined;
  const tls = t.tls.enabled ? await ensureTls(projectTlsDir(p), certificateNames(t)) : undefined;
  return { aclPassword: acl?.password, aclCreated: Boolean(acl?.created), tlsCreated: Boolean(tls?.created) };
}

/** The admin password a project's nodes use, or undefined when auth is off: the one way it is read. */
export async function adminPassword(project: ProjectFiles): Promise<string | undefined> {
  return project.topology.auth.enabled ? readPassword(project.passwordFile, { sentinel: project.topology.kind === 'sentinel' }) : undefined;
}

/** Read a project's secrets; a missing file is an error that names `redis-arc render` as the fix. */
export async function projectSecrets(project: ProjectFiles): Promise<ProjectSecrets> {
  const t = project.topology;
  const password = await adminPassword(project);
  const app = aclOn(t) ? { username: t.auth.acl.user, password: await readPassword(aclPasswordPath(project), { sentinel: t.kind === 'sentinel' }) } : undefined;
  const tlsDir = t.tls.enabled ? projectTlsDir(project) : undefined;
  const tls = tlsDir ? await readTlsClient(tlsDir) : undefined;
  return { password, app, tls, tlsDir };
}

/** The probe/connect target of a project: admin password for probes, the ACL user for BullMQ, TLS for both. */
export function projectTarget(project: ProjectPaths, s: Credentials): Target {
  return targetFromTopology(project.topology, s.password, { app: s.app, tls: s.tls });
}

/** Try a project's ACL login once before BullMQ work: BullMQ would retry a refused one forever. */
export async function checkProjectApp(project: ProjectPaths, target: Target): Promise<void> {
  await checkAppCredentials(target, `check ${aclPasswordPath(project)} (auth.acl.passwordFile)`);
}
