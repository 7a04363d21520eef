import { watching } from './shared.js';
import type { Rule } from './rule.js';

export const sentinelPeers: Rule = {
  id: 'sentinel-peers',
  live: {
    sentinel: (s, { total }) => {
      const others = s.status.otherSentinels;
      if (!watching(s) || others === undefined || others >= total - 1) return undefined;
      return {
        severity: 'warning',
        path: 'SENTINEL MASTER num-other-sentinels',
        nodes: [s.name],
        observed: `knows ${others} of ${total - 1} other sentinels`,
        message: 'a sentinel that does not see its peers cannot count their votes',
        fix: 'check that sentinels reach each other (announce-ip, firewall); SENTINEL RESET <master> on it re-discovers peers',
      };
    },
  },
};
