import { effective, settingText } from '../client-settings.js';
import type { Rule } from './rule.js';

export const clientOfflineQueue: Rule = {
  id: 'client-offline-queue',
  client: ({ roles: { producer }, kind }) => {
    const value = effective(kind === 'cluster' ? producer.cluster : producer.options, 'enableOfflineQueue');
    return value === false
      ? undefined
      : {
          severity: 'warning',
          path: 'producer enableOfflineQueue',
          observed: settingText(value),
          message:
            'adds made while the connection is down wait in the offline queue instead of failing: queue.add hangs for the whole outage, and the caller cannot tell a slow add from a lost one ' +
            '(measured: docs/clients.md, bench/client-profiles.ts)',
          fix: 'enableOfflineQueue: false on the producer (Queue) connection, and handle the rejected add (retry or report)',
        };
  },
};
