import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Service } from 'kubernetes-models/v1/Service';
import { StatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { renderKubernetesFiles } from '../../src/render/kubernetes/files.js';
import { kubeLayout, kubePrefix } from '../../src/topology/kube-layout.js';
import { checkSpec } from '../../src/doctor/check.js';
import { kubePlacement } from '../../src/render/kubernetes/placement.js';
import { TemplateSet } from '../../src/render/templates.js';
import { writeNodeConf } from '../../src/runtime/local/confs.js';
import { LocalPaths } from '../../src/runtime/local/paths.js';
import { parseSpec } from '../../src/specfile/load.js';
import { planTopology } from '../../src/topology/plan.js';
import type { Topology } from '../../src/topology/types.js';

/**
 * `render --target kubernetes` checked offline: every object validates against the Kubernetes
 * API schemas (kubernetes-models' generated validators, API v1.27+), no secret is in a file meant
 * to be committed, and each pod's Redis conf is the one the local runtime writes in hostname mode.
 */
const templates = new TemplateSet();
const PASSWORD = 'pw-"quoted" with spaces';
const TLS = { ca: 'CA-PEM', cert: 'CERT-PEM', key: 'KEY-PEM' };
const SPECS: Record<string, string> = {
  standalone: 'kind: standalone\nannounce: hostnames\n',
  sentinel: 'kind: sentinel\nannounce: hostnames\n',
  cluster: 'kind: cluster\nannounce: hostnames\n',
  'sentinel-acl-tls': 'kind: sentinel\nannounce: hostnames\nauth:\n  acl:\n    enabled: true\ntls:\n  enabled: true\n',
  'cluster-noauth-tls': 'kind: cluster\nannounce: hostnames\nauth:\n  enabled: false\ntls:\n  enabled: true\n',
};

const topologyOf = (yaml: string) => planTopology(parseSpec(yaml));
const render = (t: Topology) => renderKubernetesFiles(templates, t, { password: PASSWORD, aclPassword: 'acl-pw', tls: TLS });
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed YAML, checked by the schema validators
type Obj = { kind: string; metadata: { name: string }; spec: any; data: Record<string, string> };
const manifestsOf = (t: Topology): Obj[] => parseAllDocuments(render(t).find((f) => f.path === 'manifests.yaml')!.content).map((d) => d.toJS() as Obj);

const MODELS: Record<string, new (o: never) => { validate(): void }> = { ConfigMap, Service, StatefulSet, PodDisruptionBudget, Job };
function validate(o: Obj): void {
  const Model = MODELS[o.kind];
  if (!Model) throw new Error(`no schema for kind ${o.kind}`);
  new Model(o as never).validate();
}

describe('render --target kubernetes', () => {
  it.each(Object.entries(SPECS))('%s: every object is valid against the Kubernetes API schemas', (_name, yaml) => {
    const objects = manifestsOf(topologyOf(yaml));
    expect(objects.length).toBeGreaterThan(4);
    for (const o of objects) expect(() => validate(o), `${o.kind} ${o.metadata.name}`).not.toThrow();
  });

  it('the schema check can fail: a malformed StatefulSet is rejected', () => {
    const sts = manifestsOf(topologyOf(SPECS.sentinel!)).find((o) => o.kind === 'StatefulSet')!;
    const broken = structuredClone(sts);
    broken.spec.replicas = 'three';
    expect(() => validate(broken)).toThrow(/replicas must be integer/);
    const probe = structuredClone(sts);
    probe.spec.template.spec.containers[0].readinessProbe.exec.command = 'redis-cli ping';
    expect(() => validate(probe)).toThrow(/command must be array/);
  });

  it.each(Object.entries(SPECS))('%s: the password and keys are only in 0600 files under secrets/, never in a committed file', (_name, yaml) => {
    for (const f of render(topologyOf(yaml))) {
      const holds = f.content.includes(PASSWORD) || f.content.includes('KEY-PEM') || f.content.includes('acl-pw');
      if (holds) expect(f, f.path).toMatchObject({ secret: true });
      expect(f.path.startsWith('secrets/'), f.path).toBe(f.secret);
    }
    const t = topologyOf(yaml);
    expect(manifestsOf(t).some((o) => o.kind === 'Secret')).toBe(false);
  });

  it('the kustomization makes the Secrets the pods mount from the files under secrets/', () => {
    const t = topologyOf(SPECS['sentinel-acl-tls']!);
    const files = render(t);
    const kustomization = parseAllDocuments(files.find((f) => f.path === 'kustomization.yaml')!.content)[0]!.toJS();
    const generated = new Map<string, string[]>(kustomization.secretGenerator.map((g: { name: string; files: string[] }) => [g.name, g.files]));
    for (const entries of generated.values()) for (const e of entries) expect(files.map((f) => f.path)).toContain(e.split('=')[1]);
    const mounted = manifestsOf(t)
      .filter((o) => o.kind === 'StatefulSet')
      .flatMap((o) => o.spec.template.spec.volumes as { secret?: { secretName: string } }[])
      .flatMap((v) => (v.secret ? [v.secret.secretName] : []));
    expect(new Set(mounted)).toEqual(new Set(generated.keys()));
  });

  it('sentinels and data pods announce stable pod names through a headless Service that publishes not-ready pods', () => {
    const t = topologyOf(SPECS.sentinel!);
    const objects = manifestsOf(t);
    const headless = objects.filter((o) => o.kind === 'Service' && o.spec.clusterIP === 'None');
    expect(headless.map((s) => s.metadata.name).sort()).toEqual(['arc-redis', 'arc-sentinel']);
    for (const s of headless) expect(s).toMatchObject({ spec: { publishNotReadyAddresses: true } });
    const confs = objects.find((o) => o.metadata.name === 'arc-conf')!.data;
    expect(confs['arc-sentinel-0.conf']).toMatch(/^sentinel resolve-hostnames yes$/m);
    expect(confs['arc-sentinel-0.conf']).toMatch(/^sentinel announce-hostnames yes$/m);
    expect(confs['arc-sentinel-0.conf']).toMatch(/^sentinel monitor mymaster arc-redis-0\.arc-redis 6380 2$/m);
    expect(confs['arc-redis-1.conf']).toMatch(/^replica-announce-ip arc-redis-1\.arc-redis$/m);
    const cluster = manifestsOf(topologyOf(SPECS.cluster!)).find((o) => o.metadata.name === 'arc-conf')!.data;
    expect(cluster['arc-node-4.conf']).toMatch(/^cluster-announce-hostname arc-node-4\.arc-node$/m);
    expect(cluster['arc-node-4.conf']).toMatch(/^cluster-preferred-endpoint-type hostname$/m);
    expect(cluster['arc-node-4.conf']).not.toMatch(/cluster-announce-ip/);
  });

  it('readiness is Redis state (exec redis-cli), replicas and sentinels are kept apart, data is on a volume', () => {
    for (const yaml of [SPECS.sentinel!, SPECS.cluster!]) {
      for (const o of manifestsOf(topologyOf(yaml)).filter((x) => x.kind === 'StatefulSet')) {
        const spec = o.spec;
        const c = spec.template.spec.containers[0];
        expect(c.readinessProbe.exec.command.slice(0, 2)).toEqual(['sh', '/usr/local/etc/redis/scripts/ready.sh']);
        expect(c.resources.requests).toHaveProperty('memory');
        expect(spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector.matchLabels).toEqual(
          spec.selector.matchLabels,
        );
        expect(spec.volumeClaimTemplates[0].metadata.name).toBe('data');
        expect(c.volumeMounts).toContainEqual({ name: 'data', mountPath: '/data' });
      }
    }
    const objects = manifestsOf(topologyOf(SPECS.cluster!));
    expect(objects.filter((o) => o.kind === 'Job').map((o) => o.metadata.name)).toEqual(['arc-cluster-create']);
    expect(objects.filter((o) => o.kind === 'PodDisruptionBudget').length).toBe(1);
  });

  it.each(Object.entries(SPECS))('%s: the pod scripts are valid sh', (_name, yaml) => {
    const maps = manifestsOf(topologyOf(yaml)).find((o) => o.metadata.name === 'arc-scripts')!;
    for (const [file, text] of Object.entries(maps.data)) {
      expect(() => execFileSync('sh', ['-n'], { input: text }), file).not.toThrow();
    }
  });
});

describe('the ConfigMaps hold the confs the local runtime runs in hostname mode', () => {
  const dir = mkdtempSync(join(tmpdir(), 'redis-arc-k8s-confs-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(Object.entries(SPECS))('%s: byte-identical once names, ports, bind and file locations are mapped', async (name, yaml) => {
    const t = topologyOf(yaml);
    const layout = kubeLayout(t);
    const paths = new LocalPaths(join(dir, name));
    const tlsDir = t.tls.enabled ? join(dir, name, 'tls') : undefined;
    const configMap = manifestsOf(t).find((o) => o.metadata.name === 'arc-conf')!.data;
    for (const [i, node] of t.nodes.entries()) {
      const pod = layout.pods[i]!;
      const kubeNode = layout.topology.nodes[i]!;
      // The very file `up` writes for this node (src/runtime/local/confs.ts).
      await writeNodeConf(paths, templates, t, node, tlsDir);
      const local = readFileSync(paths.conf(node.id), 'utf8');
      const kp = kubePlacement(layout.topology, kubeNode);
      const map = new Map<string, string>();
      for (const [j, n] of t.nodes.entries()) {
        map.set(n.announceIp, layout.pods[j]!.dnsName);
        map.set(String(n.port), String(layout.topology.nodes[j]!.port));
        map.set(`nodes-${n.port}.conf`, `nodes-${layout.topology.nodes[j]!.port}.conf`);
        if (n.busPort) map.set(String(n.busPort), String(layout.topology.nodes[j]!.busPort));
      }
      map.set('127.0.0.1', kp.bind).set(paths.nodeDir(node.id), kp.dir).set(paths.log(node.id), kp.logfile);
      if (kp.authInclude) map.set(node.role === 'sentinel' ? paths.sentinelAuthConf : paths.authConf, kp.authInclude);
      if (kp.tls && tlsDir) for (const k of ['certFile', 'keyFile', 'caFile'] as const) map.set(join(tlsDir, kp.tls[k].split('/').pop()!), kp.tls[k]);
      const mapped = local
        .split('\n')
        .filter((l) => !l.startsWith('pidfile '))
        // Follows bind: a pod listens on its pod address, so without a password protected mode is off.
        .map((l) => (l.startsWith('protected-mode ') && !t.auth.enabled ? 'protected-mode no' : l))
        .map((l) => l.replace(/[^\s"]+/g, (tok) => map.get(tok) ?? tok))
        .join('\n');
      expect(mapped, `${node.id} -> ${pod.pod}`).toBe(configMap[`${pod.pod}.conf`]);
    }
  });

  it('the mapping is not vacuous: a conf rendered with addresses differs', async () => {
    const t = topologyOf('kind: sentinel\n');
    const hostnames = topologyOf(SPECS.sentinel!);
    const layout = kubeLayout(hostnames);
    const configMap = manifestsOf(hostnames).find((o) => o.metadata.name === 'arc-conf')!.data;
    const paths = new LocalPaths(join(dir, 'addresses'));
    await writeNodeConf(
      paths,
      templates,
      t,
      t.nodes.find((n) => n.role === 'sentinel')!,
      undefined,
    );
    const local = readFileSync(paths.conf('sentinel-1'), 'utf8');
    expect(local).toMatch(/^sentinel resolve-hostnames no$/m);
    expect(configMap[`${layout.pods.find((p) => p.nodeId === 'sentinel-1')!.pod}.conf`]).toMatch(/^sentinel resolve-hostnames yes$/m);
  });
});

describe('names and the spec check', () => {
  it('turns any spec name into DNS labels that leave room for the pod suffix', () => {
    expect(kubePrefix('arc')).toBe('arc');
    expect(kubePrefix('my_queue')).toBe('my-queue');
    expect(kubePrefix('1st')).toBe('r1st');
    const long = kubePrefix('a'.repeat(63));
    expect(`${long}-sentinel-14`.length).toBeLessThanOrEqual(63);
    expect(kubePrefix(`${'a'.repeat(39)}_b`)).toMatch(/^[a-z][a-z0-9-]*[a-z0-9]$/);
  });

  it('doctor says hostnames change nothing for a standalone node, and nothing for the other kinds', () => {
    const rule = (yaml: string) => checkSpec(parseSpec(yaml)).filter((f) => f.rule === 'announce-hostnames');
    expect(rule(SPECS.standalone!)).toEqual([expect.objectContaining({ severity: 'info', path: 'announce' })]);
    expect(rule(SPECS.sentinel!)).toEqual([]);
    expect(rule('kind: standalone\n')).toEqual([]);
  });
});
