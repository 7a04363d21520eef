import { effective } from '../client-settings.js';
import type { Rule } from './rule.js';

export const clientFollowSwitch: Rule = {
  id: 'client-follow-switch',
  client: ({ roles, kind }) => {
    if (kind !== 'sentinel') return undefined;
    return (['producer', 'worker'] as const)
      .filter((role) => !roles[role].followsSwitch && effective(roles[role].options, 'failoverDetector') !== true)
      .map((role) => ({
        severity: 'warning' as const,
        path: `${role} failoverDetector`,
        observed: 'false',
        message:
          'the connection does not follow +switch-master: when the master hangs (SIGSTOP, a long fork, a VM pause) rather than dies it stays on it after the sentinels promoted another, ' +
          (role === 'producer'
            ? 'so adds hang until the old master wakes up, acknowledges them, and is demoted, discarding them'
            : 'so the worker takes no job until the old master wakes up and is demoted') +
          ' (measured: docs/clients.md, bench/client-profiles.ts)',
        fix: 'failoverDetector: true on the connection (ioredis 5.3+), or subscribe to +switch-master on every sentinel and reconnect',
      }));
  },
};
