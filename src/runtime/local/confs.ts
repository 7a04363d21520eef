import { mkdir, rm } from 'node:fs/promises';
import { ArcError } from '../../errors/index.js';
import { renderAuthConf, renderNodeConf } from '../../render/render.js';
import type { TemplateSet } from '../../render/templates.js';
import { createFile, writeAtomic } from '../../system/write.js';
import { nodeTlsFiles } from '../../render/tls-files.js';
import { pathExists } from '../../system/fs.js';
import type { NodePlan, Topology } from '../../topology/types.js';
import type { LocalPaths } from './paths.js';

export interface ConfSecrets {
  password?: string;
  aclPassword?: string;
  tlsDir?: string;
}

/** How a conf is written: atomically (a project's folder), or created once in a folder made for this start. */
const writer = (fresh: boolean) => (fresh ? createFile : writeAtomic);

/** The 0600 auth includes every node conf points at (passwords never enter redis.conf itself). */
export async function writeAuthConfs(paths: LocalPaths, templates: TemplateSet, topology: Topology, secrets: ConfSecrets, fresh = false): Promise<void> {
  const { password, aclPassword } = secrets;
  if (!topology.auth.enabled) return;
  if (!password) throw new ArcError('auth is on but no password was given to the local runtime');
  if (topology.auth.acl.enabled && !aclPassword) throw new ArcError('auth.acl is on but no ACL password was given to the local runtime');
  const write = writer(fresh);
  await write(paths.authConf, renderAuthConf(templates, topology, password, 'data', aclPassword), 0o600);
  if (topology.kind === 'sentinel') {
    await write(paths.sentinelAuthConf, renderAuthConf(templates, topology, password, 'sentinel', aclPassword), 0o600);
  }
}

/** A node's redis.conf, rendered once: afterwards the file is Redis' own (sentinel and failovers rewrite it). */
export async function writeNodeConf(
  paths: LocalPaths,
  templates: TemplateSet,
  topology: Topology,
  node: NodePlan,
  tlsDir: string | undefined,
  fresh = false,
): Promise<void> {
  const conf = paths.conf(node.id);
  if (!fresh && (await pathExists(conf))) return;
  const text = renderNodeConf(templates, topology, node, {
    bind: node.host,
    // Replication, sentinel and cluster-bus connections leave from the node's own address, so a network fault can match them.
    bindSourceAddr: topology.addresses === 'per-node' ? node.host : undefined,
    dir: paths.nodeDir(node.id),
    logfile: paths.log(node.id),
    pidfile: paths.pidfile(node.id),
    authInclude: topology.auth.enabled ? (node.role === 'sentinel' ? paths.sentinelAuthConf : paths.authConf) : undefined,
    tls: tlsDir ? nodeTlsFiles(tlsDir) : undefined,
  });
  await writer(fresh)(conf, text, 0o600);
}

/** A node's folder and conf, and no stale pidfile (`fresh`: none can be there): what spawning it needs. */
export async function prepareNodeFolder(
  paths: LocalPaths,
  templates: TemplateSet,
  topology: Topology,
  node: NodePlan,
  tlsDir: string | undefined,
  fresh = false,
): Promise<void> {
  await mkdir(paths.nodeDir(node.id), { recursive: true, mode: 0o700 });
  const conf = writeNodeConf(paths, templates, topology, node, tlsDir, fresh);
  await Promise.all([conf, fresh ? undefined : rm(paths.pidfile(node.id), { force: true })]);
}
