import { majorityOf, watching } from './shared.js';
import type { Rule } from './rule.js';

const SPEC_KEY = 'sentinel.quorum';
const WHY = 'a minority of sentinels can declare the master down';

export const sentinelQuorum: Rule = {
  id: 'sentinel-quorum',
  spec: ({ sentinel: s }) => {
    if (!s || s.quorum >= majorityOf(s.sentinels)) return undefined;
    return {
      severity: 'warning',
      path: SPEC_KEY,
      message: `quorum ${s.quorum} is not a majority of ${s.sentinels}: ${WHY}`,
      fix: `set ${SPEC_KEY}: ${majorityOf(s.sentinels)}`,
    };
  },
  live: {
    sentinel: (s, { total, majority, masterName }) => {
      const quorum = s.status.quorum;
      if (!watching(s) || quorum === undefined || quorum >= majority) return undefined;
      return {
        severity: 'warning',
        path: 'SENTINEL MASTER quorum',
        nodes: [s.name],
        observed: `quorum ${quorum} of ${total} sentinels`,
        message: `not a majority: ${WHY} (the failover itself still needs a majority)`,
        fix: `SENTINEL SET ${masterName} quorum ${majority}`,
        specKey: SPEC_KEY,
      };
    },
  },
};
