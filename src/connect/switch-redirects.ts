import type { Redis } from 'ioredis';
import type { Endpoint } from '../redis/endpoint.js';
import { authOptions, createRedis, endpointOptions, PLAIN_HANDSHAKE, SUBSCRIBER_POLICY, type ClientAuth } from '../redis/client.js';

/**
 * Follows +switch-master on every sentinel and remembers "old master -> new master".
 * - Used as an ioredis natMap function, it corrects a sentinel that answers with the old master
 *   because it has not heard of the switch yet (non-leader sentinels learn of it up to a hello
 *   period, ~1 s, after the leader announced it; ioredis asks its first sentinel, leader or not).
 * - `onMove` lets the client leave a master that hangs rather than dies. Unlike ioredis'
 *   failoverDetector it is told where the master went, so the late announcements of the other
 *   sentinels do not make a client that already moved reconnect once more.
 */
export class SwitchRedirects {
  private readonly redirects = new Map<string, Endpoint>();
  private readonly subscribers: Redis[] = [];

  constructor(
    private readonly masterName: string,
    private readonly onMove: (to: Endpoint) => void = () => {},
  ) {}

  /** `+switch-master <name> <old-ip> <old-port> <new-ip> <new-port>` */
  onSwitch(message: string): void {
    const [name, oldIp, oldPort, newIp, newPort] = message.split(' ');
    if (name !== this.masterName || !newIp || !newPort) return;
    const next = { host: newIp, port: Number(newPort) };
    const newKey = `${newIp}:${newPort}`;
    // The new master is nobody's stale address any more; earlier redirects now lead to it.
    this.redirects.delete(newKey);
    for (const [key] of this.redirects) this.redirects.set(key, next);
    this.redirects.set(`${oldIp}:${oldPort}`, next);
    this.onMove(next);
  }

  resolve(key: string): Endpoint | undefined {
    return this.redirects.get(key);
  }

  watch(sentinels: Endpoint[], auth: ClientAuth): void {
    for (const s of sentinels) {
      const c = createRedis({ ...endpointOptions(s), ...authOptions(auth), ...PLAIN_HANDSHAKE, ...SUBSCRIBER_POLICY });
      c.on('message', (_channel: string, message: string) => this.onSwitch(message));
      c.subscribe('+switch-master').catch(() => undefined);
      this.subscribers.push(c);
    }
  }

  stop(): void {
    for (const c of this.subscribers.splice(0)) c.disconnect();
  }
}
