import { relative } from 'node:path';
import { ensurePassword } from '../specfile/secret.js';
import { aclPasswordPath, ensureProjectSecrets, projectTlsDir } from '../security/project.js';
import { renderDockerFiles, renderDockerSecrets, type RenderedFile } from '../render/render.js';
import { TemplateSet } from '../render/templates.js';
import { ensureGitignore, writeRendered, type WriteResult } from '../render/write.js';
import type { Topology } from '../topology/types.js';
import type { Project } from './open.js';

/** What must never be committed from a project folder. */
export const GITIGNORE_LINES = ['.env', 'secrets/', '.redis-arc/'];

export interface RenderOptions {
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
  const outDir = opts.outDir ?? project.dir;
  const templates = new TemplateSet(opts.templatesDir);
  let password: string | undefined;
  let passwordCreated = false;
  if (project.topology.auth.enabled) {
    ({ password, created: passwordCreated } = await ensurePassword(project.passwordFile, { sentinel: project.topology.kind === 'sentinel' }));
  }
  // The ACL user's password and the TLS CA/certificates: created once, kept afterwards.
  const { aclPassword } = await ensureProjectSecrets(project);
  const result = await writeRendered(outDir, topologyFiles(templates, project.topology, password, aclPassword), { force: opts.force });
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
