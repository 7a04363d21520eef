import { effective, settingText } from '../client-settings.js';
import type { Rule } from './rule.js';

export const clientWorkerRetries: Rule = {
  id: 'client-worker-retries',
  client: ({ roles: { worker } }) => {
    const value = effective(worker.options, 'maxRetriesPerRequest');
    return value === null
      ? undefined
      : {
          severity: 'error',
          path: 'worker maxRetriesPerRequest',
          observed: settingText(value),
          message:
            "a worker's command gives up after that many reconnect attempts: during a failover its blocking wait and its job updates fail instead of waiting for the new master " +
            '(BullMQ refuses an ioredis instance like this for a Worker, and requires null; https://docs.bullmq.io/guide/going-to-production)',
          fix: "maxRetriesPerRequest: null on the worker's connection",
        };
  },
};
