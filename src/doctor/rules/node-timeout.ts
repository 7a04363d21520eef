import { detectionFinding, MIN_SAFE_DETECTION_MS, specFix } from './detection.js';
import type { Rule } from './rule.js';

const SPEC_KEY = 'cluster.nodeTimeoutMs';

export const nodeTimeout: Rule = {
  id: 'node-timeout',
  spec: ({ cluster: c }) =>
    c && c.nodeTimeoutMs < MIN_SAFE_DETECTION_MS
      ? { severity: 'warning', path: SPEC_KEY, message: `${c.nodeTimeoutMs} ms: a node busy for that long is failed over: flapping`, fix: specFix(SPEC_KEY) }
      : undefined,
  live: {
    node: ({ name, config }) =>
      detectionFinding('cluster-node-timeout', config?.['cluster-node-timeout'], [name], 'CONFIG SET cluster-node-timeout 5000 on every node', SPEC_KEY),
  },
};
