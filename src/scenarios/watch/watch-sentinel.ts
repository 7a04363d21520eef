import type { Endpoint } from '../../redis/endpoint.js';
import { authOptions, createRedis, endpointOptions, PLAIN_HANDSHAKE, SUBSCRIBER_POLICY, type TlsMaterial } from '../../redis/client.js';
import { observed, type RawEvent, type Watcher } from './raw-event.js';

/** Sentinel pub/sub channels worth a place on the timeline (of ~30 that Sentinel publishes). */
const KEEP = new Set([
  '+sdown',
  '-sdown',
  '+odown',
  '-odown',
  '+new-epoch',
  '+try-failover',
  '+elected-leader',
  '+failover-state-select-slave',
  '+selected-slave',
  '+promoted-slave',
  '+failover-state-reconf-slaves',
  '+switch-master',
  '+failover-end',
  '+failover-end-for-timeout',
  '+convert-to-slave',
  '+reboot',
  // Why a failover stalls: TILT (the sentinel acts on nothing for 30 s) and the aborts.
  '+tilt',
  '-tilt',
  '-failover-abort-not-elected',
  '-failover-abort-no-good-slave',
  '-failover-abort-slave-timeout',
]);

/**
 * Subscribe to every sentinel's events (PSUBSCRIBE *), so detection and promotion are timed by
 * what the sentinels themselves announce. Each connection is its own: a dead sentinel only
 * removes its own view.
 */
export async function watchSentinels(sentinels: { ep: Endpoint; name: string }[], password: string | undefined, tls?: TlsMaterial): Promise<Watcher> {
  const events: RawEvent[] = [];
  const clients = sentinels.map(({ ep, name }) => {
    const c = createRedis({ ...endpointOptions(ep), ...authOptions({ password, tls }), ...PLAIN_HANDSHAKE, ...SUBSCRIBER_POLICY, lazyConnect: true });
    c.on('pmessage', (_pattern: string, channel: string, message: string) => {
      if (KEEP.has(channel)) events.push(observed(channel, name, message));
    });
    return c;
  });
  const stop = () => {
    for (const c of clients) c.disconnect();
    return Promise.resolve();
  };
  // One sentinel failing to subscribe fails the watch: the others, already subscribed, are closed
  // too (no watcher is returned to stop them, and their reconnect policy would keep them for ever).
  const subscribed = await Promise.allSettled(clients.map(async (c) => c.connect().then(() => c.psubscribe('*'))));
  const failed = subscribed.find((r) => r.status === 'rejected');
  if (failed) {
    await stop();
    throw failed.reason;
  }
  return { events, stop };
}
