import { createHash } from 'node:crypto';
import { aclCommandRules } from './acl-grant.js';
import { checkComposeText } from './compose-schema.js';
import { confValue, envValue } from '../specfile/secret-quote.js';
import { composeView, dockerPlacement, nodeConfView, type ConfPlacement } from './view.js';
import type { TemplateSet } from './templates.js';
import type { NodePlan, Topology } from '../topology/types.js';

export interface RenderedFile {
  /** Relative to the output folder. */
  path: string;
  content: string;
  /** Secrets are written 0600 and listed in .gitignore. */
  secret: boolean;
}

export function renderNodeConf(templates: TemplateSet, t: Topology, node: NodePlan, placement: ConfPlacement): string {
  const file = node.role === 'sentinel' ? 'sentinel.conf' : 'redis.conf';
  return templates.render(t.kind, file, nodeConfView(t, node, placement));
}

/** Everything `docker compose` needs that holds no secret: compose file and one conf per node. */
export function renderDockerFiles(templates: TemplateSet, t: Topology): RenderedFile[] {
  const placement = dockerPlacement(t);
  const compose = templates.render(t.kind, 'docker-compose.yml', composeView(t));
  checkComposeText(compose, `docker-compose.yml (from ${templates.pathOf(t.kind, 'docker-compose.yml')})`);
  return [
    { path: 'docker-compose.yml', content: compose, secret: false },
    ...t.nodes.map((n) => ({ path: `conf/${n.id}.conf`, content: renderNodeConf(templates, t, n, placement), secret: false })),
  ];
}

/**
 * The auth include for data nodes, and for sentinels (which also need the master's and each
 * other's password). With `auth.acl` it also defines BullMQ's ACL user (templates/secrets).
 */
export function renderAuthConf(templates: TemplateSet, t: Topology, password: string, role: 'data' | 'sentinel', aclPassword?: string): string {
  const file = role === 'sentinel' ? 'sentinel-auth.conf' : 'auth.conf';
  const acl =
    t.auth.acl.enabled && aclPassword
      ? {
          user: t.auth.acl.user,
          passwordSha256: createHash('sha256').update(aclPassword).digest('hex'),
          keys: t.auth.acl.keys.map((k) => `~${k}`).join(' '),
          commands: aclCommandRules(),
        }
      : undefined;
  // Quoted for redis.conf when it needs it (spaces, quotes, backslashes): see confValue.
  return templates.render('secrets', file, { password: confValue(password), masterName: t.sentinel?.masterName, acl });
}

/** The secrets docker compose reads: .env and the auth includes. Empty when auth is off. */
export function renderDockerSecrets(templates: TemplateSet, t: Topology, password: string, aclPassword?: string): RenderedFile[] {
  if (!t.auth.enabled) return [];
  const files: RenderedFile[] = [
    { path: '.env', content: templates.render('secrets', 'env', { password: envValue(password) }), secret: true },
    { path: 'secrets/auth.conf', content: renderAuthConf(templates, t, password, 'data', aclPassword), secret: true },
  ];
  if (t.kind === 'sentinel') {
    files.push({ path: 'secrets/sentinel-auth.conf', content: renderAuthConf(templates, t, password, 'sentinel', aclPassword), secret: true });
  }
  return files;
}
