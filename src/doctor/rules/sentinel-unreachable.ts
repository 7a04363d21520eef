import { unreachable } from './shared.js';
import type { Rule } from './rule.js';

export const sentinelUnreachable: Rule = {
  id: 'sentinel-unreachable',
  live: {
    sentinel: ({ name, status: st }, { reachable, total, majority }) => {
      if (st.reachable) return undefined;
      const enough = reachable.length >= majority;
      return {
        severity: enough ? 'warning' : 'error',
        path: 'connection',
        nodes: [name],
        observed: unreachable(st.error, st.address),
        message: enough
          ? `one vote fewer: a failover needs ${majority} of the ${total} sentinels`
          : `only ${reachable.length} of ${total} sentinels answer, a failover needs ${majority}: a master failure is an outage`,
        fix: 'start it, or check its address and firewall',
      };
    },
  },
};
