import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { IService } from 'kubernetes-models/v1/Service';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IVolume } from 'kubernetes-models/v1/Volume';
import type { IVolumeMount } from 'kubernetes-models/v1/VolumeMount';
import type { IEnvVar } from 'kubernetes-models/v1/EnvVar';
import type { IStatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import type { IJob } from 'kubernetes-models/batch/v1/Job';
import { sentinelNodes, sentinelPlan, type Topology } from '../../topology/types.js';
import { componentOf, type Component, type KubeLayout } from '../../topology/kube-layout.js';
import { AUTH_KEYS, KUBE_PATHS } from './placement.js';
import { KUBE_SIZING, redisResources } from './sizing.js';

/*
 * The manifests are typed objects (kubernetes-models' interfaces, types only), so `tsc` rejects
 * an unknown field and the tests validate the result against the API's schemas offline. The text
 * a pod runs (Redis confs, shell scripts) comes from templates/.
 */

export type Manifest = IConfigMap | IService | IStatefulSet | IPodDisruptionBudget | IJob;

/** The image's `redis` user: the container command bypasses the entrypoint that would drop root. */
const REDIS_UID = 999;
const HOSTNAME_TOPOLOGY = 'kubernetes.io/hostname';

export interface ManifestNames {
  confMap: string;
  scriptsMap: string;
  authSecret: string;
  tlsSecret: string;
  clientService: string;
  clusterJob: string;
}

export function manifestNames(prefix: string): ManifestNames {
  return {
    confMap: `${prefix}-conf`,
    scriptsMap: `${prefix}-scripts`,
    authSecret: `${prefix}-auth`,
    tlsSecret: `${prefix}-tls`,
    clientService: `${prefix}-client`,
    clusterJob: `${prefix}-cluster-create`,
  };
}

const labels = (prefix: string, component?: Component) => ({
  'app.kubernetes.io/name': 'redis',
  'app.kubernetes.io/instance': prefix,
  'app.kubernetes.io/managed-by': 'redis-arc',
  ...(component && { 'app.kubernetes.io/component': component }),
});
const selector = (prefix: string, component: Component) => ({ 'app.kubernetes.io/instance': prefix, 'app.kubernetes.io/component': component });

/** Everything but the Secrets, in apply order. `confs` and `scripts` are the ConfigMaps' data. */
export function kubeManifests(t: Topology, layout: KubeLayout, confs: Record<string, string>, scripts: Record<string, string>): Manifest[] {
  const { prefix } = layout;
  const names = manifestNames(prefix);
  const kt = layout.topology;
  const components = [...new Set(layout.pods.map((p) => p.component))];
  const portOf = (c: Component) => {
    const node = kt.nodes.find((n) => componentOf(kt, n) === c);
    if (!node) throw new Error(`kubeLayout of ${prefix} has a ${c} pod but no ${c} node`);
    return node.port;
  };
  const out: Manifest[] = [
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: names.confMap, labels: labels(prefix) }, data: confs },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: names.scriptsMap, labels: labels(prefix) }, data: scripts },
  ];
  for (const c of components) out.push(headlessService(prefix, c, portOf(c), t.kind === 'cluster'));
  // Clients start from the sentinels (sentinel kind), the node (standalone) or any node (cluster seed); only ready pods.
  const front: Component = t.kind === 'sentinel' ? 'sentinel' : t.kind === 'cluster' ? 'node' : 'redis';
  out.push({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: names.clientService, labels: labels(prefix, front) },
    spec: { selector: selector(prefix, front), ports: [{ name: 'redis', port: portOf(front), targetPort: 'redis' }] },
  });
  for (const c of components) out.push(statefulSet(t, layout, names, c, portOf(c)));
  for (const c of components) {
    const pdb = disruptionBudget(t, prefix, c);
    if (pdb) out.push(pdb);
  }
  if (t.kind === 'cluster') out.push(clusterJob(t, prefix, names));
  return out;
}

/**
 * Stable per-pod names (`<pod>.<set>`). publishNotReadyAddresses keeps a pod that is not ready,
 * or restarting in place, in DNS: Redis and Sentinel that fail to resolve a peer's name treat it
 * as gone (redis/redis#12753), and the cluster Job must reach nodes before they are ready.
 */
function headlessService(prefix: string, c: Component, port: number, cluster: boolean): IService {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: `${prefix}-${c}`, labels: labels(prefix, c) },
    spec: {
      clusterIP: 'None',
      publishNotReadyAddresses: true,
      selector: selector(prefix, c),
      ports: [{ name: 'redis', port, targetPort: 'redis' }, ...(cluster ? [{ name: 'bus', port: port + 10000, targetPort: 'bus' }] : [])],
    },
  };
}

function authEnv(t: Topology, names: ManifestNames): IEnvVar[] {
  // redis-cli in the scripts reads the password from here: never on a command line.
  return t.auth.enabled ? [{ name: 'REDISCLI_AUTH', valueFrom: { secretKeyRef: { name: names.authSecret, key: AUTH_KEYS.password } } }] : [];
}

function commonVolumes(t: Topology, names: ManifestNames): { volumes: IVolume[]; mounts: IVolumeMount[] } {
  const volumes: IVolume[] = [
    { name: 'conf', configMap: { name: names.confMap } },
    { name: 'scripts', configMap: { name: names.scriptsMap, defaultMode: 0o555 } },
  ];
  const mounts: IVolumeMount[] = [
    { name: 'conf', mountPath: KUBE_PATHS.conf, readOnly: true },
    { name: 'scripts', mountPath: KUBE_PATHS.scripts, readOnly: true },
  ];
  if (t.auth.enabled) {
    volumes.push({ name: 'secret', secret: { secretName: names.authSecret, defaultMode: 0o440 } });
    mounts.push({ name: 'secret', mountPath: KUBE_PATHS.secret, readOnly: true });
  }
  if (t.tls.enabled) {
    volumes.push({ name: 'tls', secret: { secretName: names.tlsSecret, defaultMode: 0o440 } });
    mounts.push({ name: 'tls', mountPath: KUBE_PATHS.tls, readOnly: true });
  }
  return { volumes, mounts };
}

function statefulSet(t: Topology, layout: KubeLayout, names: ManifestNames, c: Component, port: number): IStatefulSet {
  const { prefix } = layout;
  const set = `${prefix}-${c}`;
  const replicas = layout.pods.filter((p) => p.component === c).length;
  const sentinel = c === 'sentinel';
  const size = redisResources(t);
  const { volumes, mounts } = commonVolumes(t, names);
  const readiness = t.kind === 'standalone' ? 'standalone' : t.kind === 'cluster' ? 'cluster' : sentinel ? 'sentinel' : 'data';
  const container: IContainer = {
    name: sentinel ? 'sentinel' : 'redis',
    image: t.image,
    command: ['sh', `${KUBE_PATHS.scripts}/${sentinel ? 'start-sentinel.sh' : 'start-redis.sh'}`],
    ports: [{ name: 'redis', containerPort: port }, ...(t.kind === 'cluster' ? [{ name: 'bus', containerPort: port + 10000 }] : [])],
    env: authEnv(t, names),
    readinessProbe: {
      exec: { command: ['sh', `${KUBE_PATHS.scripts}/ready.sh`, readiness] },
      initialDelaySeconds: 5,
      periodSeconds: 5,
      timeoutSeconds: 4,
      failureThreshold: 3,
    },
    // Liveness is only "accepts connections": a Redis loading a large AOF is alive but answers LOADING.
    livenessProbe: { tcpSocket: { port: 'redis' }, initialDelaySeconds: 15, periodSeconds: 10, failureThreshold: 6 },
    resources: { requests: sentinel ? { cpu: KUBE_SIZING.sentinelCpu, memory: KUBE_SIZING.sentinelMemory } : { cpu: size.cpu, memory: size.memory } },
    volumeMounts: [{ name: 'data', mountPath: KUBE_PATHS.data }, ...mounts],
  };
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: set, labels: labels(prefix, c) },
    spec: {
      serviceName: set,
      replicas,
      // All at once: a cluster node is ready only once the Job has formed the cluster from all of them.
      podManagementPolicy: 'Parallel',
      selector: { matchLabels: selector(prefix, c) },
      template: {
        metadata: { labels: labels(prefix, c) },
        spec: {
          securityContext: { runAsUser: REDIS_UID, runAsGroup: REDIS_UID, fsGroup: REDIS_UID, runAsNonRoot: true },
          affinity: {
            podAntiAffinity: {
              // Replicas of one set (a master and its replicas; the sentinels) never share a machine:
              // one machine lost must not take a master with its replica, or a sentinel majority.
              requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: selector(prefix, c) }, topologyKey: HOSTNAME_TOPOLOGY }],
              // And sentinels keep off the data nodes' machines where there is room.
              preferredDuringSchedulingIgnoredDuringExecution: [
                { weight: 50, podAffinityTerm: { labelSelector: { matchLabels: { 'app.kubernetes.io/instance': prefix } }, topologyKey: HOSTNAME_TOPOLOGY } },
              ],
            },
          },
          terminationGracePeriodSeconds: 30,
          containers: [container],
          volumes,
        },
      },
      volumeClaimTemplates: [
        {
          metadata: { name: 'data', labels: labels(prefix, c) },
          spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: sentinel ? KUBE_SIZING.sentinelStorage : size.storage } } },
        },
      ],
    },
  };
}

/**
 * Voluntary disruptions (drains, upgrades) take one data pod at a time; sentinels keep their
 * quorum and a majority (the failover needs both). A standalone's only pod gets none: a budget
 * of zero would block every drain, and one of one protects nothing.
 */
function disruptionBudget(t: Topology, prefix: string, c: Component): IPodDisruptionBudget | undefined {
  if (t.kind === 'standalone') return undefined;
  const meta = { name: `${prefix}-${c}`, labels: labels(prefix, c) };
  const matchLabels = selector(prefix, c);
  if (c === 'sentinel') {
    const count = sentinelNodes(t).length;
    const minAvailable = Math.max(sentinelPlan(t).quorum, Math.floor(count / 2) + 1);
    return { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: meta, spec: { minAvailable, selector: { matchLabels } } };
  }
  return { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: meta, spec: { maxUnavailable: 1, selector: { matchLabels } } };
}

/** Forms the cluster once every node answers (templates/kubernetes/form-cluster.sh). */
function clusterJob(t: Topology, prefix: string, names: ManifestNames): IJob {
  const { volumes, mounts } = commonVolumes(t, names);
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: names.clusterJob, labels: labels(prefix, 'node') },
    spec: {
      backoffLimit: 20,
      template: {
        metadata: { labels: labels(prefix) },
        spec: {
          restartPolicy: 'OnFailure',
          securityContext: { runAsUser: REDIS_UID, runAsGroup: REDIS_UID, runAsNonRoot: true },
          containers: [
            {
              name: 'cluster-create',
              image: t.image,
              command: ['sh', `${KUBE_PATHS.scripts}/form-cluster.sh`],
              env: authEnv(t, names),
              resources: { requests: { cpu: '50m', memory: '32Mi' } },
              volumeMounts: mounts,
            },
          ],
          volumes,
        },
      },
    },
  };
}
