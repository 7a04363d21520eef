import { readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { stringify } from 'yaml';
import { WouldOverwriteError } from '../errors/index.js';
import type { RenderedFile } from '../render/render.js';
import { TemplateSet } from '../render/templates.js';
import { writeRendered } from '../render/write.js';
import { writeAtomic } from '../system/write.js';
import { generatePassword, passwordPath, readPassword } from '../specfile/secret.js';
import { planTopology } from '../topology/plan.js';
import {
  DEFAULT_ACL,
  DEFAULT_ANNOUNCE,
  type AnnounceMode,
  DEFAULT_CLUSTER,
  DEFAULT_IMAGE,
  DEFAULT_NAME,
  DEFAULT_NETWORK,
  DEFAULT_PASSWORD_FILE,
  DEFAULT_PERSISTENCE,
  DEFAULT_PORT_BASE,
  DEFAULT_SENTINEL,
  DEFAULT_ADDRESSES,
  type AddressMode,
  DEFAULT_SENTINEL_PORT_BASE,
  DEFAULT_TLS,
  type Kind,
  type NetworkMode,
} from '../specfile/defaults.js';
import { DEFAULT_SPEC_FILE, parseSpec } from '../specfile/load.js';
import { DEFAULT_SERVER } from '../servers/catalogue.js';
import type { Project } from './open.js';
import { ignoreSecrets, topologyFiles, type RenderResult } from './render.js';
import { aclPasswordPath, ensureProjectSecrets } from '../security/project.js';

export interface InitOptions {
  dir?: string;
  name?: string;
  image?: string;
  /** The local runtime's server (spec `server:`): a catalogue name or a binary's path. */
  server?: string;
  network?: NetworkMode;
  /** addresses, or hostnames: nodes announce stable names. */
  announce?: AnnounceMode;
  portBase?: number;
  sentinelPortBase?: number;
  auth?: boolean;
  /** An ACL user for BullMQ (auth.acl.enabled). */
  acl?: boolean;
  /** TLS-only nodes with a generated CA (tls.enabled). */
  tls?: boolean;
  addresses?: AddressMode;
  replicas?: number;
  sentinels?: number;
  quorum?: number;
  downAfterMs?: number;
  /** Library callers (bench/partition.ts): sentinel.minReplicasToWrite and minReplicasMaxLagS; `init` has no flags for them. */
  minReplicasToWrite?: number;
  minReplicasMaxLagS?: number;
  masters?: number;
  replicasPerMaster?: number;
  nodeTimeoutMs?: number;
  /** persistence.appendonly (default on). */
  appendonly?: boolean;
  templatesDir?: string;
  /**
   * Render docker-compose.yml and the docker confs and secrets (default true). In-process starts
   * on the local runtime leave them out: that runtime writes its own confs, and rendering and
   * validating the compose file is most of init's time.
   */
  dockerFiles?: boolean;
  force?: boolean;
}

/** The YAML `init` writes: the commented spec template, filled from flags and defaults. */
export function initSpecText(kind: Kind, o: InitOptions, templates = new TemplateSet(o.templatesDir)): string {
  const sentinels = o.sentinels ?? DEFAULT_SENTINEL.sentinels;
  const view = {
    kind,
    name: o.name ?? DEFAULT_NAME,
    image: o.image ?? DEFAULT_IMAGE,
    server: o.server ?? DEFAULT_SERVER,
    network: o.network ?? DEFAULT_NETWORK,
    announce: o.announce ?? DEFAULT_ANNOUNCE,
    addresses: o.addresses ?? DEFAULT_ADDRESSES,
    portBase: o.portBase ?? DEFAULT_PORT_BASE[kind],
    sentinelBase: o.sentinelPortBase ?? DEFAULT_SENTINEL_PORT_BASE,
    authEnabled: o.auth ?? true,
    passwordFile: DEFAULT_PASSWORD_FILE,
    acl: { ...DEFAULT_ACL, enabled: o.acl ?? DEFAULT_ACL.enabled },
    tls: { ...DEFAULT_TLS, enabled: o.tls ?? DEFAULT_TLS.enabled },
    ...DEFAULT_PERSISTENCE,
    appendonly: o.appendonly ?? DEFAULT_PERSISTENCE.appendonly,
    sentinel:
      kind === 'sentinel'
        ? {
            ...DEFAULT_SENTINEL,
            replicas: o.replicas ?? DEFAULT_SENTINEL.replicas,
            sentinels,
            // A majority of the sentinels asked for, unless the user says otherwise.
            quorum: o.quorum ?? Math.floor(sentinels / 2) + 1,
            downAfterMs: o.downAfterMs ?? DEFAULT_SENTINEL.downAfterMs,
            minReplicasToWrite: o.minReplicasToWrite ?? DEFAULT_SENTINEL.minReplicasToWrite,
            minReplicasMaxLagS: o.minReplicasMaxLagS ?? DEFAULT_SENTINEL.minReplicasMaxLagS,
          }
        : undefined,
    cluster:
      kind === 'cluster'
        ? {
            masters: o.masters ?? DEFAULT_CLUSTER.masters,
            replicasPerMaster: o.replicasPerMaster ?? DEFAULT_CLUSTER.replicasPerMaster,
            nodeTimeoutMs: o.nodeTimeoutMs ?? DEFAULT_CLUSTER.nodeTimeoutMs,
          }
        : undefined,
  };
  return templates.render('spec', 'redis-arc.yaml', { ...view, yaml: yamlTexts(view) });
}

/**
 * The text fields as YAML scalars, quoted where YAML would read them as something else: a name
 * `007` or `true` written bare comes back as the number 7 or a boolean. Under `yaml.` so a
 * user's own template that writes `{{name}}` keeps getting the bare text.
 */
function yamlTexts(view: {
  name: string;
  image: string;
  server: string;
  passwordFile: string;
  acl: typeof DEFAULT_ACL;
  tls: typeof DEFAULT_TLS;
  sentinel?: { masterName: string };
}) {
  const scalar = (s: string) => stringify(s, { lineWidth: 0 }).trimEnd();
  return {
    name: scalar(view.name),
    image: scalar(view.image),
    server: scalar(view.server),
    passwordFile: scalar(view.passwordFile),
    acl: { user: scalar(view.acl.user), passwordFile: scalar(view.acl.passwordFile), keys: view.acl.keys.map(scalar) },
    tlsDir: scalar(view.tls.dir),
    masterName: view.sentinel && scalar(view.sentinel.masterName),
  };
}

export interface InitResult {
  project: Project;
  render: RenderResult;
}

/** What `init` will write, worked out and checked for conflicts; nothing is written until `write()`. */
export interface PlannedInit {
  project: Project;
  /** The admin password (read from its file, else new), and BullMQ's ACL password: what the nodes need before any file is written. */
  password: string | undefined;
  aclPassword: string | undefined;
  write(): Promise<InitResult>;
}

/**
 * Write redis-arc.yaml, the password file and the rendered files in one step: every conflict
 * (an existing spec, compose file or .env that redis-arc did not write) is found before anything is written.
 */
export async function initProject(kind: Kind, o: InitOptions): Promise<InitResult> {
  return (await planInit(kind, o)).write();
}

/**
 * `init` up to the writing: the spec parsed (flags out of range fail here), the topology planned,
 * the passwords known and an existing spec checked. `startTopology` starts the nodes of a fresh
 * folder while `write()` runs.
 */
export async function planInit(kind: Kind, o: InitOptions): Promise<PlannedInit> {
  const dir = resolve(o.dir ?? '.');
  const specFile = join(dir, DEFAULT_SPEC_FILE);
  const templates = new TemplateSet(o.templatesDir);
  const text = initSpecText(kind, o, templates);
  const spec = parseSpec(text, specFile);
  const project: Project = {
    specFile,
    dir,
    spec,
    topology: planTopology(spec),
    passwordFile: passwordPath(dir, spec.auth.passwordFile),
  };
  const auth = spec.auth.enabled;
  const aclFile = auth && spec.auth.acl.enabled ? aclPasswordPath(project) : undefined;
  const existing = { optional: true, sentinel: kind === 'sentinel' } as const;
  // Read side by side, awaited in order: a password file that cannot be used is reported after the spec's conflict.
  const reading = readFile(specFile, 'utf8').catch(() => undefined);
  const readingPassword = auth ? readPassword(project.passwordFile, existing) : undefined;
  const readingAcl = aclFile ? readPassword(aclFile, existing) : undefined;
  for (const p of [readingPassword, readingAcl]) p?.catch(() => undefined);
  const current = await reading;
  // The spec is the user's file from the moment it exists: never replaced without --force.
  if (current !== undefined && current !== text && !o.force) throw new WouldOverwriteError([specFile]);
  const oldPassword = await readingPassword;
  const oldAclPassword = await readingAcl;
  const files: RenderedFile[] = [];
  const password = auth ? (oldPassword ?? generatePassword()) : undefined;
  const passwordCreated = auth && !oldPassword;
  if (password !== undefined) files.push({ path: relative(dir, project.passwordFile), content: `${password}\n`, secret: true });
  const aclPassword = aclFile ? (oldAclPassword ?? generatePassword()) : undefined;
  if (aclFile && aclPassword !== undefined) files.push({ path: relative(dir, aclFile), content: `${aclPassword}\n`, secret: true });
  if (o.dockerFiles ?? true) files.push(...topologyFiles(templates, project.topology, password, aclPassword));
  const write = async (): Promise<InitResult> => {
    const result = await writeRendered(dir, files, { force: o.force, before: () => writeAtomic(specFile, text, 0o644) });
    // TLS: the CA and certificates (kept when present).
    await ensureProjectSecrets(project);
    result[current === text ? 'unchanged' : 'written'].unshift(DEFAULT_SPEC_FILE);
    await ignoreSecrets(project, dir);
    return { project, render: { ...result, outDir: dir, passwordCreated } };
  };
  return { project, password, aclPassword, write };
}
