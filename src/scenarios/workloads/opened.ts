import type { FlowProducer, Processor, Queue, QueueEvents, Worker, WorkerOptions } from 'bullmq';
import { closeQueue, closeWorker, openFlowProducer, openQueue, openQueueEvents, openWorker, removeQueue, within, type Lease } from '../../connect/bullmq.js';
import type { ClientRole } from '../../client/index.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { Ticker } from './ticker.js';
import type { WorkloadSetup } from './types.js';

const CLOSE_MS = 5000;
/** Interrupted: how long a worker may take to close without waiting for its jobs. */
const INTERRUPTED_CLOSE_MS = 1000;

/**
 * The BullMQ objects one workload opened, on its profile's BullMQ and connections (a lease per
 * object, as an application opens them), closed together in order and bounded; its queues are
 * deleted on close, whatever Redis this is.
 */
export class Opened {
  private readonly leases: Lease[] = [];
  private readonly workers: Worker[] = [];
  private readonly others: { close(): Promise<unknown> }[] = [];
  private readonly queueNames = new Set<string>();
  private readonly tickers: Ticker<unknown>[] = [];

  constructor(private readonly setup: WorkloadSetup) {}

  /** A queue name of this workload's own: `<queuePrefix>-<part>`. */
  name(part: string): string {
    const name = `${this.setup.queuePrefix}-${part}`;
    this.queueNames.add(name);
    return name;
  }

  /** A fixed-rate adder (not started), stopped on close whatever happened: a trial that failed mid-way leaves no timer adding. */
  ticker<T>(everyMs: number, add: (i: number) => Promise<T>): Ticker<T> {
    const ticker = new Ticker(everyMs, add);
    this.tickers.push(ticker);
    return ticker;
  }

  async queue(name: string): Promise<Queue> {
    const queue = openQueue({ ...(await this.at('producer')), name });
    this.others.push({ close: () => closeQueue(queue) });
    return queue;
  }

  async worker(name: string, processor: Processor, opts: Omit<WorkerOptions, 'connection' | 'prefix'> = {}): Promise<Worker> {
    const worker = openWorker({ ...(await this.at('worker')), name }, processor, opts);
    this.workers.push(worker);
    return worker;
  }

  async events(name: string): Promise<QueueEvents> {
    const events = openQueueEvents({ ...(await this.at('worker')), name });
    this.others.push({ close: () => within(CLOSE_MS, events.close()) });
    return events;
  }

  async flow(): Promise<FlowProducer> {
    const flow = openFlowProducer(await this.at('producer'));
    this.others.push({ close: () => within(CLOSE_MS, flow.close()) });
    return flow;
  }

  /**
   * Adds stop first, then the workers, each let finish the job it holds (bounded: the adapter
   * forces a close that takes over 5 s; at once when interrupted), so that no job finishes after its
   * queue was deleted and writes its keys back; then queues, events and flow producers, then the
   * connections; then the queues go.
   */
  async close(): Promise<void> {
    await Promise.all(this.tickers.map((t) => t.stop(1000)));
    // Interrupted: the user wants out now; a job still held is cut (its queue is deleted below anyway).
    const now = Boolean(this.setup.signal?.aborted);
    await Promise.all(this.workers.map((w) => (now ? closeWorker(w, true, INTERRUPTED_CLOSE_MS) : closeWorker(w))));
    await Promise.all(this.others.map((o) => o.close().catch(() => undefined)));
    // Their connections too, before the queues go: a command a forced-closed worker still had in
    // flight (a child's completion moving its parent) would otherwise write keys back after it.
    await Promise.all(this.leases.map((l) => l.close().catch(() => undefined)));
    const { target, prefix } = this.setup;
    const lease = await this.setup.profile.lease('producer', target).catch(() => undefined);
    if (!lease) return;
    const removeAll = async () => {
      for (const name of this.queueNames)
        await within(CLOSE_MS, removeQueue({ name, prefix, connection: lease.connection, bullmq: this.setup.profile.libs.bullmq }));
    };
    await removeAll();
    // A worker cut mid-job may still land that job's last write (a flow child moving its parent)
    // a moment after the removal (seen on a cluster): a second pass takes what it wrote back.
    if (now) await sleep(INTERRUPTED_CLOSE_MS).then(removeAll);
    await lease.close().catch(() => undefined);
  }

  private async at(role: ClientRole) {
    const lease = await this.setup.profile.lease(role, this.setup.target);
    this.leases.push(lease);
    return { prefix: this.setup.prefix, connection: lease.connection, bullmq: this.setup.profile.libs.bullmq };
  }
}
