import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { renderKubernetesFiles } from '../../src/render/kubernetes/files.js';
import { checkManifestNames } from '../../src/render/kubernetes/names.js';
import { kubeManifests } from '../../src/render/kubernetes/manifests.js';
import { kubeLayout, kubePrefix } from '../../src/topology/kube-layout.js';
import { TemplateSet } from '../../src/render/templates.js';
import { parseSpec } from '../../src/specfile/load.js';
import { planTopology } from '../../src/topology/plan.js';

/*
 * Every name and label value a Kubernetes render writes is one the API server accepts, whatever
 * `name` the spec has (the spec allows 63 characters of [a-z0-9_-], a digit first, '-' or '_' last).
 * The rules below are the API's (apimachinery's IsDNS1035Label / IsValidLabelValue), written here
 * independently of src/render/kubernetes/names.ts.
 */
const DNS_1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;
const templates = new TemplateSet();

const HOSTILE = [
  `1${'a'.repeat(37)}-${'b'.repeat(24)}`, // the reported case: the 'r' added, then a cut right after a '-'
  `${'a'.repeat(39)}-${'b'.repeat(23)}`,
  `${'a'.repeat(32)}${'-'.repeat(31)}`,
  `0${'_'.repeat(62)}`,
  `9${'-'.repeat(61)}9`,
  '0'.repeat(63),
  `a${'_'.repeat(38)}b`,
  'a-',
  'a_',
  '7',
];
const KINDS = ['standalone', 'sentinel', 'cluster'];

interface Obj {
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  spec?: Record<string, unknown>;
}

function manifestsOf(kind: string, name: string): Obj[] {
  const t = planTopology(parseSpec(`name: "${name}"\nkind: ${kind}\nannounce: hostnames\n`));
  const files = renderKubernetesFiles(templates, t, { password: 'pw' });
  const text = files.find((f) => f.path === 'manifests.yaml')!.content;
  return parseAllDocuments(text).map((d) => d.toJS() as Obj);
}

/** Every label map anywhere in an object: metadata.labels, selectors, matchLabels, templates. */
function labelMaps(o: unknown, key = ''): Record<string, string>[] {
  if (typeof o !== 'object' || o === null) return [];
  const here = ['labels', 'matchLabels'].includes(key) || (key === 'selector' && !('matchLabels' in o)) ? [o as Record<string, string>] : [];
  return [...here, ...Object.entries(o).flatMap(([k, v]) => labelMaps(v, k))];
}

describe('Kubernetes names from any spec name', () => {
  it.each(KINDS.flatMap((k) => HOSTILE.map((n) => [k, n])))('%s named %s: every name, pod hostname and label value is valid', (kind, name) => {
    const objects = manifestsOf(kind, name);
    expect(objects.length).toBeGreaterThan(3);
    for (const o of objects) {
      expect(o.metadata.name, `${o.kind} name`).toMatch(DNS_1035);
      expect(o.metadata.name.length).toBeLessThanOrEqual(63);
      if (o.kind === 'StatefulSet') {
        // Pod hostnames `<set>-<n>`, and the controller's `controller-revision-hash: <set>-<10 chars>` label.
        expect(`${o.metadata.name}-99`).toMatch(DNS_1035);
        expect(o.metadata.name.length + 11).toBeLessThanOrEqual(63);
      }
      for (const map of labelMaps(o))
        for (const [key, value] of Object.entries(map)) {
          expect(value, `${o.kind} ${o.metadata.name} ${key}`).toMatch(LABEL_VALUE);
          expect(value.length).toBeLessThanOrEqual(63);
        }
    }
  });

  it('two long names that begin alike get different prefixes; names that fit are kept readable', () => {
    const a = kubePrefix(`${'a'.repeat(45)}-one`);
    const b = kubePrefix(`${'a'.repeat(45)}-two`);
    expect(a).not.toBe(b);
    expect(a.length).toBeLessThanOrEqual(40);
    expect(new Set(HOSTILE.map(kubePrefix)).size).toBe(HOSTILE.length - 1); // 'a-' and 'a_' both stay 'a': a name that fits is only made legal
    expect(kubePrefix('queue_1')).toBe('queue-1');
    expect(kubePrefix(`q${'x'.repeat(39)}`)).toBe(`q${'x'.repeat(39)}`);
  });

  it('render refuses, in one line naming the value, a manifest with an invalid name or label value', () => {
    const t = planTopology(parseSpec('kind: sentinel\nannounce: hostnames\n'));
    const layout = kubeLayout(t);
    const fresh = () => kubeManifests(t, layout, {}, {});
    expect(() => checkManifestNames(fresh())).not.toThrow();
    const cases: [string, (m: ReturnType<typeof fresh>) => void, RegExp][] = [
      [
        'label ending in -',
        (m) => (m[0]!.metadata!.labels!['app.kubernetes.io/instance'] = 'arc-'),
        /label app\.kubernetes\.io\/instance "arc-" is not a valid label value/,
      ],
      ['name ending in .', (m) => (m[0]!.metadata!.name = 'arc.'), /ConfigMap name "arc\." is not a valid DNS label/],
      ['name of 64 characters', (m) => (m[1]!.metadata!.name = 'a'.repeat(64)), /ConfigMap name "a{64}"/],
      ['empty name', (m) => (m[1]!.metadata!.name = ''), /ConfigMap name "" is not a valid DNS label/],
      [
        'StatefulSet whose pod hostname would be too long',
        (m) => (m.find((o) => o.kind === 'StatefulSet')!.metadata!.name = `s${'x'.repeat(61)}`),
        /pod name of StatefulSet s?x+ "s?x+-\d" is not a valid DNS label/,
      ],
    ];
    for (const [what, breakIt, message] of cases) {
      const m = fresh();
      breakIt(m);
      let error: unknown;
      try {
        checkManifestNames(m);
      } catch (e) {
        error = e;
      }
      expect(error, what).toBeInstanceOf(Error);
      const text = (error as Error).message;
      expect(text, what).toMatch(message);
      expect(text.split('\n'), what).toHaveLength(1);
      expect(text, what).toMatch(/shorten or rename `name` in redis-arc\.yaml$/);
    }
  });
});
