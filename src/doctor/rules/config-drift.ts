import { PERSIST } from './shared.js';
import type { LiveDraft, Rule } from './rule.js';

/** Settings compared across data nodes, with the rule that reports each one as wrong. */
const DRIFT: [setting: string, rule: string][] = [
  ['maxmemory-policy', 'maxmemory-policy'],
  ['appendonly', 'appendonly'],
  ['maxmemory', 'maxmemory'],
  ['min-replicas-to-write', 'min-replicas-to-write'],
  ['cluster-node-timeout', 'node-timeout'],
];

/** Settings that differ between data nodes: a failover promotes a replica that behaves differently. */
export const configDrift: Rule = {
  id: 'config-drift',
  live: {
    nodes: (state, found) => {
      const out: LiveDraft[] = [];
      for (const [setting, rule] of DRIFT) {
        // A setting already reported as wrong on some node needs no second finding.
        if (found.some((f) => f.rule === rule && f.severity !== 'info')) continue;
        const values = new Map<string, string[]>();
        for (const n of state.nodes) {
          const v = n.config?.[setting];
          if (v !== undefined) values.set(v, [...(values.get(v) ?? []), n.name]);
        }
        if (values.size < 2) continue;
        out.push({
          severity: 'warning',
          path: setting,
          nodes: [...values.values()].flat(),
          observed: [...values].map(([v, names]) => `${v} on ${names.join(', ')}`).join('; '),
          message: 'the data nodes disagree: a failover promotes a replica that runs with a different setting',
          fix: `CONFIG SET ${setting} to one value on every node, ${PERSIST}`,
        });
      }
      return out;
    },
  },
};
