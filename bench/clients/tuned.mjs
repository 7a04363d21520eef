// "tuned" in bench/client-profiles.ts: what an application can set to ride out a failover.
// Producer: fail fast (no offline queue, one retry); worker: never give up (BullMQ requires it);
// both: reconnect within 200 ms and follow +switch-master (ioredis failoverDetector).
export default {
  jobIds: 'bullmq',
  connection(role, a) {
    const where =
      a.kind === 'sentinel'
        ? {
            sentinels: a.sentinels,
            name: a.name,
            sentinelPassword: a.sentinelPassword,
            failoverDetector: true,
            sentinelRetryStrategy: (n) => Math.min(100 * n, 1000),
          }
        : { host: a.host, port: a.port };
    const common = { ...where, password: a.password, retryStrategy: (n) => Math.min(50 * n, 200) };
    return role === 'worker'
      ? { ...common, maxRetriesPerRequest: null }
      : { ...common, enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: 1000 };
  },
};
