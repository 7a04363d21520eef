import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { ensurePassword } from '../specfile/secret.js';
import { aclPasswordPath, ensureProjectSecrets, projectTlsDir } from '../security/project.js';
import { fsError } from '../errors/fs-error.js';
import { renderKubernetesFiles, type KubeSecrets } from '../render/kubernetes/files.js';
import { TLS_FILES } from '../render/tls-files.js';
import { KUBERNETES_OUT_DIR, type RenderTarget } from '../render/targets.js';
import { renderDockerFiles, renderDockerSecrets, type RenderedFile } from '../render/render.js';
import { TemplateSet } from '../render/templates.js';
import { ensureGitignore, writeRendered, type WriteResult } from '../render/write.js';
import type { Topology } from '../topology/types.js';
import type { Project } from './open.js';

/** What must never be committed from a project folder. */
export const GITIGNORE_LINES = ['.env', 'secrets/', '.redis-arc/'];

export interface RenderOptions {
  target?: RenderTarget;
  outDir?: string;
  templatesDir?: string;
  force?: boolean;
}

export interface RenderResult extends WriteResult {
  outDir: string;
  passwordCreated: boolean;
}

/** Compose file, confs, and (with auth) the secrets compose reads. */
export function topologyFiles(templates: TemplateSet, t: Topology, password: string | undefined, aclPassword?: string): RenderedFile[] {
  const files = renderDockerFiles(templates, t);
  if (t.auth.enabled && password) files.push(...renderDockerSecrets(templates, t, password, aclPassword));
  return files;
}

/** Re-render a project's files into outDir (default: beside the spec). User-edited files are kept unless force. */
export async function renderProject(project: Project, opts: RenderOptions = {}): Promise<RenderResult> {
  const kubernetes = opts.target === 'kubernetes';
  const outDir = opts.outDir ?? (kubernetes ? join(project.dir, KUBERNETES_OUT_DIR) : project.dir);
  const templates = new TemplateSet(opts.templatesDir);
  let password: string | undefined;
  let passwordCreated = false;
  if (project.topology.auth.enabled) {
    ({ password, created: passwordCreated } = await ensurePassword(project.passwordFile, { sentinel: project.topology.kind === 'sentinel' }));
  }
  // The ACL user's password and the TLS CA/certificates: created once, kept afterwards.
  const { aclPassword } = await ensureProjectSecrets(project);
  const files = kubernetes
    ? renderKubernetesFiles(templates, project.topology, { password, aclPassword, tls: await nodeTlsMaterial(project) })
    : topologyFiles(templates, project.topology, password, aclPassword);
  const result = await writeRendered(outDir, files, { force: opts.force });
  await ignoreSecrets(project, outDir);
  return { ...result, outDir, passwordCreated };
}

/** Add the secrets and state to .gitignore, in the output folder and (for the password) beside the spec. */
export async function ignoreSecrets(project: Pick<Project, 'dir' | 'passwordFile' | 'topology'>, outDir: string): Promise<void> {
  const lines = [...GITIGNORE_LINES];
  const besideSpec: string[] = [];
  const t = project.topology;
  // The admin password, BullMQ's ACL password and the TLS folder (keys), wherever the spec puts them.
  const secrets = [project.passwordFile];
  if (t.auth.acl.enabled) secrets.push(aclPasswordPath(project));
  if (t.tls.enabled) secrets.push(`${projectTlsDir(project)}/`);
  for (const path of secrets) {
    const fromOut = relative(outDir, path) + (path.endsWith('/') ? '/' : '');
    const fromSpec = relative(project.dir, path) + (path.endsWith('/') ? '/' : '');
    // The default TLS folder is inside .redis-arc/, which is ignored already.
    if (fromOut.startsWith('.redis-arc/')) continue;
    if (!fromOut.startsWith('..')) lines.unshift(fromOut);
    else if (!fromSpec.startsWith('..')) besideSpec.push(fromSpec);
  }
  await ensureGitignore(outDir, [...new Set(lines)]);
  if (besideSpec.length) await ensureGitignore(project.dir, besideSpec);
}

/** The CA and the node certificate every pod presents (PEM), when TLS is on. */
async function nodeTlsMaterial(project: Project): Promise<KubeSecrets['tls']> {
  if (!project.topology.tls.enabled) return undefined;
  const dir = projectTlsDir(project);
  const read = (file: string) =>
    readFile(join(dir, file), 'utf8').catch((err: unknown) => {
      throw fsError(err, join(dir, file), 'tls.dir');
    });
  return { ca: await read(TLS_FILES.ca), cert: await read(TLS_FILES.cert), key: await read(TLS_FILES.key) };
}
