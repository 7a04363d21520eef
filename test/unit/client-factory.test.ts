/**
 * Every ioredis client redis-arc opens comes from one factory that attaches an 'error' listener:
 * a client without one makes ioredis print "[ioredis] Unhandled error event" to stderr whenever
 * a node is away. Nothing listens on the ports used here (16990-16992), so every client errors.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { closeConnection, connect } from '../../src/connect/connect.js';
import { SwitchRedirects } from '../../src/connect/switch-redirects.js';
import { createRedis } from '../../src/redis/client.js';
import type { Target } from '../../src/redis/target.js';
import { watchCluster } from '../../src/scenarios/watch/watch-cluster.js';

const NOTHING = [16990, 16991, 16992].map((port) => ({ host: '127.0.0.1', port }));
const settle = () => new Promise((r) => setTimeout(r, 600));

/** What ioredis wrote to the console while `run` ran. */
async function consoleDuring(run: () => Promise<void>): Promise<string> {
  const lines: string[] = [];
  const spy = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(' ')));
  try {
    await run();
  } finally {
    spy.mockRestore();
  }
  return lines.join('\n');
}

afterEach(() => vi.restoreAllMocks());

describe('the client factory', () => {
  const targets: Target[] = [
    { kind: 'standalone', node: NOTHING[0]! },
    { kind: 'sentinel', sentinels: NOTHING, masterName: 'mymaster' },
    { kind: 'cluster', seeds: NOTHING },
  ];

  for (const target of targets) {
    for (const role of ['producer', 'worker'] as const) {
      it(`a ${role} connection to an unreachable ${target.kind} topology prints nothing`, async () => {
        const printed = await consoleDuring(async () => {
          const c = connect(target, role);
          await settle();
          await closeConnection(c);
        });
        expect(printed).not.toMatch(/Unhandled error event/);
      });
    }
  }

  it('the switch follower and the cluster watcher print nothing while their nodes are away', async () => {
    const printed = await consoleDuring(async () => {
      const follower = new SwitchRedirects('mymaster');
      follower.watch(NOTHING, {});
      const watcher = watchCluster({
        targetId: 'x',
        targetName: 'x',
        observers: [{ ep: NOTHING[0]!, name: 'a' }],
        replicas: [{ ep: NOTHING[1]!, name: 'b' }],
        password: undefined,
      });
      await settle();
      follower.stop();
      await watcher.stop();
    });
    expect(printed).not.toMatch(/Unhandled error event/);
  });

  it('hands every error to the sink it was given', async () => {
    const errors: Error[] = [];
    const c = createRedis({ ...NOTHING[2]!, retryStrategy: () => null, lazyConnect: true }, (err) => errors.push(err));
    await c.connect().catch(() => undefined);
    c.disconnect();
    expect(errors.map((e) => e.message)).toContain('connect ECONNREFUSED 127.0.0.1:16992');
  });
});
