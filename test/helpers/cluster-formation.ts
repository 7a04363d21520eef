import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import { openProbeClient } from '../../src/probe/client.js';
import { slotRanges } from '../../src/topology/slots.js';

/**
 * Form a cluster by hand on 127.0.0.1 ports, as `redis-cli --cluster create` does but with a fixed
 * layout: masters get contiguous slot ranges, `replicas[i]` follows `masters[i % masters.length]`.
 * Each node's bus port is its data port + `busPortOffset` (its `cluster-port`).
 */
export async function formCluster(masters: number[], replicas: number[], opts: { busPortOffset: number; password?: string }): Promise<void> {
  const { busPortOffset, password } = opts;
  const ports = [...masters, ...replicas];
  const clients = new Map<number, Redis>();
  try {
    for (const port of ports) clients.set(port, await openProbeClient({ host: '127.0.0.1', port }, password));
    const c = (port: number) => clients.get(port)!;
    const ranges = slotRanges(masters.length);
    for (const [i, port] of ports.entries()) {
      // Distinct epochs up front spare the nodes a round of epoch-collision resolution.
      await c(port).call('CLUSTER', 'SET-CONFIG-EPOCH', i + 1);
      const range = ranges[i];
      if (i < masters.length && range) await c(port).call('CLUSTER', 'ADDSLOTSRANGE', range[0], range[1]);
    }
    const first = ports[0]!;
    for (const port of ports.slice(1)) await c(port).call('CLUSTER', 'MEET', '127.0.0.1', first, first + busPortOffset);
    for (const [i, port] of replicas.entries()) {
      const masterId = String(await c(masters[i % masters.length]!).call('CLUSTER', 'MYID'));
      // REPLICATE needs the replica to have heard of its master through gossip first.
      for (let attempt = 0; ; attempt++) {
        const failed = await c(port)
          .call('CLUSTER', 'REPLICATE', masterId)
          .then(() => undefined)
          .catch((err: Error) => err);
        if (!failed) break;
        if (attempt > 200 || !/Unknown node/i.test(failed.message)) throw failed;
        await sleep(50);
      }
    }
  } finally {
    for (const client of clients.values()) client.disconnect();
  }
}
