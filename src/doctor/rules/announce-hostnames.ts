import { isIP } from 'node:net';
import type { LiveDraft, Rule } from './rule.js';

const SPEC_KEY = 'announce';
const isName = (v: string | undefined): v is string => v !== undefined && v !== '' && isIP(v) === 0;

/**
 * Hostname mode must be whole: where nodes announce names, sentinels must resolve them and hand
 * them on, and a cluster must have a name for every node it sends clients to. A half-done setup
 * works until a pod restarts with a new address (redis/redis#12753 and the charts' trackers).
 */
export const announceHostnames: Rule = {
  id: 'announce-hostnames',
  spec: (spec) =>
    spec.announce === 'hostnames' && spec.kind === 'standalone'
      ? {
          severity: 'info',
          path: SPEC_KEY,
          message: 'a standalone node announces itself to no one: hostnames change nothing here',
          fix: 'leave it, or set announce: addresses',
        }
      : undefined,
  live: {
    nodes: (state) => {
      const out: LiveDraft[] = [];
      const named = state.nodes.flatMap((n) => {
        const announced = n.config?.['replica-announce-ip'];
        return isName(announced) ? [{ name: n.name, announced }] : [];
      });
      if (named.length) {
        // A sentinel with resolve-hostnames no cannot add a replica that reports a name: it is never a failover candidate.
        const blind = state.sentinels.filter((s) => s.config?.['resolve-hostnames'] === 'no');
        if (blind.length) {
          out.push({
            severity: 'error',
            path: 'resolve-hostnames',
            nodes: blind.map((s) => s.name),
            observed: `no, while ${named.map((n) => `${n.name} announces ${n.announced}`).join(', ')}`,
            message: 'these sentinels cannot resolve the names the data nodes announce: they cannot monitor or promote those nodes',
            fix: 'SENTINEL CONFIG SET resolve-hostnames yes (and announce-hostnames yes) on every sentinel',
            specKey: SPEC_KEY,
          });
        }
        const addresses = state.sentinels.filter((s) => s.config?.['resolve-hostnames'] === 'yes' && s.config['announce-hostnames'] === 'no');
        if (addresses.length) {
          out.push({
            severity: 'warning',
            path: 'announce-hostnames',
            nodes: addresses.map((s) => s.name),
            observed: 'no',
            message:
              'these sentinels hand clients the addresses the names resolved to: after a node restarts with a new address, clients are sent to one that no longer exists',
            fix: 'SENTINEL CONFIG SET announce-hostnames yes on every sentinel',
            specKey: SPEC_KEY,
          });
        }
      }
      for (const n of state.nodes) {
        const type = n.config?.['cluster-preferred-endpoint-type'];
        const hostname = n.config?.['cluster-announce-hostname'];
        if (type === 'hostname' && !hostname) {
          out.push({
            severity: 'error',
            path: 'cluster-announce-hostname',
            nodes: [n.name],
            observed: 'empty, with cluster-preferred-endpoint-type hostname',
            message: "clients are sent '?' for this node (MOVED, CLUSTER SLOTS): its slots cannot be reached",
            fix: 'CONFIG SET cluster-announce-hostname <its stable name>, then CONFIG REWRITE',
            specKey: SPEC_KEY,
          });
        } else if (type === 'ip' && hostname) {
          out.push({
            severity: 'warning',
            path: 'cluster-preferred-endpoint-type',
            nodes: [n.name],
            observed: `ip (the node is named ${hostname})`,
            message: 'clients are sent addresses, not the stable name: after a restart with a new address they follow stale ones until the next CLUSTER SLOTS',
            fix: 'CONFIG SET cluster-preferred-endpoint-type hostname on every node, then CONFIG REWRITE',
            specKey: SPEC_KEY,
          });
        }
      }
      return out;
    },
  },
};
