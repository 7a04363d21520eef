import { stringify } from 'yaml';
import { renderAuthConf, renderNodeConf, type RenderedFile } from '../render.js';
import type { TemplateSet } from '../templates.js';
import { TLS_FILES } from '../tls-files.js';
import { dataNodes, firstDataNode, sentinelNodes, type Topology } from '../../topology/types.js';
import { kubeLayout, podOf, type KubeLayout } from '../../topology/kube-layout.js';
import { kubeManifests, manifestNames } from './manifests.js';
import { checkManifestNames } from './names.js';
import { AUTH_KEYS, KUBE_PATHS, kubeCli, kubePlacement } from './placement.js';

/** The secrets a Kubernetes render needs, read by the project layer (TLS files as PEM text). */
export interface KubeSecrets {
  password?: string;
  aclPassword?: string;
  tls?: { ca: string; cert: string; key: string };
}

export const KUBE_FILES = { manifests: 'manifests.yaml', kustomization: 'kustomization.yaml', secrets: 'secrets' } as const;

/** One Redis conf per pod, keyed `<pod>.conf`: the same renderNodeConf the local runtime uses. */
export function kubeConfs(templates: TemplateSet, layout: KubeLayout): Record<string, string> {
  const kt = layout.topology;
  return Object.fromEntries(kt.nodes.map((n) => [`${podOf(layout, n.id).pod}.conf`, renderNodeConf(templates, kt, n, kubePlacement(kt, n))]));
}

function kubeScripts(templates: TemplateSet, layout: KubeLayout): Record<string, string> {
  const kt = layout.topology;
  const names = manifestNames(layout.prefix);
  const data = dataNodes(kt);
  const sentinel = sentinelNodes(kt)[0];
  const dataPort = firstDataNode(kt).port;
  const view = {
    name: kt.name,
    confMap: names.confMap,
    confDir: KUBE_PATHS.conf,
    sentinelKind: kt.kind === 'sentinel',
    dataService: `${layout.prefix}-redis`,
    masterName: kt.sentinel?.masterName,
    // The client Service: only sentinels that are ready (in quorum) answer there.
    sentinelCli: sentinel ? `${kubeCli(kt, sentinel.port)} -h ${names.clientService}` : undefined,
    nodes: data.map((n) => ({ host: n.host })),
    count: data.length,
    port: dataPort,
    replicasPerMaster: kt.cluster?.replicasPerMaster,
  };
  // ready.sh runs in data and sentinel pods alike: each passes its own role.
  const scripts: Record<string, string> = {
    'start-redis.sh': templates.render('kubernetes', 'start-redis.sh', view),
    'ready.sh': templates.render('kubernetes', 'ready.sh', { ...view, cli: kubeCli(kt, dataPort), sentinelLocalCli: sentinel && kubeCli(kt, sentinel.port) }),
  };
  if (sentinel) scripts['start-sentinel.sh'] = templates.render('kubernetes', 'start-sentinel.sh', view);
  if (kt.kind === 'cluster') scripts['form-cluster.sh'] = templates.render('kubernetes', 'form-cluster.sh', { ...view, cli: kubeCli(kt, dataPort) });
  return scripts;
}

const yamlDoc = (o: unknown) => stringify(o, { lineWidth: 0 });

/**
 * `render --target kubernetes`: manifests.yaml (everything but Secrets), kustomization.yaml
 * (which makes the Secrets from files under secrets/), and those files: 0600 and git-ignored,
 * like .env for compose. No Secret object is ever written out, so the folder can be committed
 * without the password (a Secret manifest is only base64).
 */
export function renderKubernetesFiles(templates: TemplateSet, t: Topology, secrets: KubeSecrets): RenderedFile[] {
  const layout = kubeLayout(t);
  const kt = layout.topology;
  const names = manifestNames(layout.prefix);
  const manifests = kubeManifests(t, layout, kubeConfs(templates, layout), kubeScripts(templates, layout));
  checkManifestNames(manifests);
  const header =
    `# "${t.name}" (${t.kind}) for Kubernetes, rendered by redis-arc from redis-arc.yaml; re-render with\n` +
    `# \`redis-arc render --target kubernetes\`. Apply with \`kubectl apply -k .\` (makes the Secrets from secrets/),\n` +
    `# or create the Secrets yourself and \`kubectl apply -f ${KUBE_FILES.manifests}\` (docs/kubernetes.md).\n`;
  const files: RenderedFile[] = [{ path: KUBE_FILES.manifests, content: header + manifests.map(yamlDoc).join('---\n'), secret: false }];

  const generators: { name: string; files: string[] }[] = [];
  const secretFile = (path: string, content: string) => files.push({ path: `${KUBE_FILES.secrets}/${path}`, content, secret: true });
  if (t.auth.enabled && secrets.password !== undefined) {
    const keys = [`${AUTH_KEYS.password}=${KUBE_FILES.secrets}/${AUTH_KEYS.password}`, `${AUTH_KEYS.data}=${KUBE_FILES.secrets}/${AUTH_KEYS.data}`];
    // No trailing newline: REDISCLI_AUTH is the file's exact content.
    secretFile(AUTH_KEYS.password, secrets.password);
    secretFile(AUTH_KEYS.data, renderAuthConf(templates, kt, secrets.password, 'data', secrets.aclPassword));
    if (t.kind === 'sentinel') {
      secretFile(AUTH_KEYS.sentinel, renderAuthConf(templates, kt, secrets.password, 'sentinel', secrets.aclPassword));
      keys.push(`${AUTH_KEYS.sentinel}=${KUBE_FILES.secrets}/${AUTH_KEYS.sentinel}`);
    }
    generators.push({ name: names.authSecret, files: keys });
  }
  if (t.tls.enabled && secrets.tls) {
    // kustomize reads files only below the kustomization, so the node certificate is copied here (0600).
    const tls = { [TLS_FILES.ca]: secrets.tls.ca, [TLS_FILES.cert]: secrets.tls.cert, [TLS_FILES.key]: secrets.tls.key };
    for (const [file, pem] of Object.entries(tls)) secretFile(`tls/${file}`, pem);
    generators.push({ name: names.tlsSecret, files: Object.keys(tls).map((f) => `${f}=${KUBE_FILES.secrets}/tls/${f}`) });
  }
  const kustomization = {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources: [KUBE_FILES.manifests],
    ...(generators.length && {
      secretGenerator: generators,
      // Fixed names, so `kubectl create secret` + `apply -f` makes the same objects; a changed
      // password therefore needs `kubectl rollout restart` (pods read the Secret at start).
      generatorOptions: { disableNameSuffixHash: true },
    }),
  };
  files.push({
    path: KUBE_FILES.kustomization,
    content: `# Apply with \`kubectl apply -k .\`; secrets/ is 0600 and git-ignored.\n${yamlDoc(kustomization)}`,
    secret: false,
  });
  return files;
}
