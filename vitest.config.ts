import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Integration files start real Redis processes on their own port ranges, so files run in parallel.
    pool: 'forks',
    // Vitest's default is one worker per core less one: a single worker on a 2-core CI machine, where
    // the integration files spend most of their time waiting on Redis (failovers, down-after).
    maxWorkers: 3,
    // redis-arc/testing picks free ports; confined to a range no test file names a port in (cluster
    // bus ports 13000-13999 too), it cannot take a port a file running beside it is about to use.
    env: { REDIS_ARC_TESTING_PORTS: '3000-3999' },
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: process.env.CI ? ['default'] : ['default'],
  },
});
