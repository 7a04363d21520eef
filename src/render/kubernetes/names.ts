import { ArcError } from '../../errors/index.js';
import type { Manifest } from './manifests.js';

/*
 * What the API server would refuse, refused here instead: a manifest that `kubectl apply` rejects
 * halfway leaves some objects created and others not. Names (and pod hostnames, `<set>-<ordinal>`)
 * are DNS-1035 labels, as Service names must be; label values are Kubernetes label values.
 */
const DNS_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;
const MAX = 63;
/** The controller labels each pod `controller-revision-hash: <set>-<10 characters>`, a label value too. */
const REVISION_HASH = 11;

const validName = (s: string) => s.length <= MAX && DNS_LABEL.test(s);
const validLabelValue = (s: string) => s.length <= MAX && LABEL_VALUE.test(s);

/** A name or label value Kubernetes refuses; render stops before writing anything. */
export class InvalidKubeNameError extends ArcError {}

function fail(where: string, value: string, what: string): never {
  throw new InvalidKubeNameError(
    `render --target kubernetes: ${where} ${JSON.stringify(value)} is not a valid ${what} (at most ${MAX} characters, ` +
      `lowercase letters, digits and '-', no '-' at either end); shorten or rename \`name\` in redis-arc.yaml`,
  );
}

function checkLabels(where: string, labels: Record<string, string> | undefined): void {
  for (const [key, value] of Object.entries(labels ?? {})) if (!validLabelValue(value)) fail(`${where} label ${key}`, value, 'label value');
}

/** Every name, label value and selector a render writes, and the hostnames its StatefulSets give their pods. */
export function checkManifestNames(manifests: Manifest[]): void {
  for (const m of manifests) {
    const name = m.metadata?.name ?? '';
    const where = `${m.kind} ${name}`;
    if (!validName(name)) fail(`${m.kind} name`, name, 'DNS label');
    checkLabels(where, m.metadata?.labels);
    if (m.kind === 'Service') checkLabels(where, m.spec?.selector);
    if (m.kind === 'StatefulSet' && m.spec) {
      const pod = `${name}-${Math.max(0, (m.spec.replicas ?? 1) - 1)}`;
      if (!validName(pod)) fail(`pod name of ${where}`, pod, 'DNS label');
      if (name.length + REVISION_HASH > MAX) fail(`revision label of ${where}`, `${name}-xxxxxxxxxx`, 'label value');
      checkLabels(where, m.spec.selector.matchLabels);
      checkLabels(`${where} pods`, m.spec.template.metadata?.labels);
      for (const claim of m.spec.volumeClaimTemplates ?? []) checkLabels(`${where} volume claim`, claim.metadata?.labels);
    }
    if ((m.kind === 'PodDisruptionBudget' || m.kind === 'Job') && m.spec) {
      if (m.kind === 'PodDisruptionBudget') checkLabels(where, m.spec.selector?.matchLabels);
      else checkLabels(`${where} pods`, m.spec.template.metadata?.labels);
    }
  }
}
