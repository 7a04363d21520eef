import { relative } from 'node:path';
import { ensurePassword } from '../spec/secret.js';
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
export function topologyFiles(templates: TemplateSet, t: Topology, password: string | undefined): RenderedFile[] {
  const files = renderDockerFiles(templates, t);
  if (t.auth.enabled && password) files.push(...renderDockerSecrets(templates, t, password));
  return files;
}

/** Re-render a project's files into outDir (default: beside the spec). User-edited files are kept unless force. */
export async function renderProject(project: Project, opts: RenderOptions = {}): Promise<RenderResult> {
  const outDir = opts.outDir ?? project.dir;
  const templates = new TemplateSet(opts.templatesDir);
  let password: string | undefined;
  let passwordCreated = false;
  if (project.topology.auth.enabled) {
    ({ password, created: passwordCreated } = await ensurePassword(project.passwordFile));
  }
  const result = await writeRendered(outDir, topologyFiles(templates, project.topology, password), { force: opts.force });
  await ignoreSecrets(project, outDir);
  return { ...result, outDir, passwordCreated };
}

/** Add the secrets and state to .gitignore, in the output folder and (for the password) beside the spec. */
export async function ignoreSecrets(project: Pick<Project, 'dir' | 'passwordFile'>, outDir: string): Promise<void> {
  const lines = [...GITIGNORE_LINES];
  const pwFromOut = relative(outDir, project.passwordFile);
  if (!pwFromOut.startsWith('..')) lines.unshift(pwFromOut);
  await ensureGitignore(outDir, lines);
  const pwFromSpec = relative(project.dir, project.passwordFile);
  if (pwFromOut.startsWith('..') && !pwFromSpec.startsWith('..')) await ensureGitignore(project.dir, [pwFromSpec]);
}
