import { ArcError } from '../errors/index.js';
import { DEFAULT_ROUTES, type EventPayload, type EventType } from './catalog.js';
import type { EmitOptions, EventProducer, ProducerOptions } from './producer.js';
import { addJob, newEventId, observe, QueueSet } from './queues.js';

/**
 * Option 1, direct BullMQ calls: the caller holds its queues (opened up front) and awaits
 * `queue.add(jobName, data, options)`. No indirection, one queue per event type (the first route: fan-out is the manager's job); the baseline the others are measured against.
 */
const done = (): void => undefined;

export class DirectProducer implements EventProducer {
  readonly mode = 'direct' as const;
  private readonly queues: QueueSet;
  private readonly routes;

  constructor(private readonly opts: ProducerOptions) {
    this.queues = new QueueSet(opts);
    this.routes = opts.routes ?? DEFAULT_ROUTES;
    for (const routes of Object.values(this.routes)) for (const r of routes) this.queues.get(r.queueName);
  }

  emit<K extends EventType>(type: K, payload: EventPayload<K>, opts: EmitOptions = {}): Promise<void> {
    const id = opts.id ?? newEventId();
    const [route] = this.routes[type];
    if (!route) throw new ArcError(`no route for event '${type}': a route table needs at least one queue per event type`);
    const add = addJob(this.queues, route, payload, id);
    // The baseline must cost what a bare queue.add costs: no wrapper unless someone observes.
    return this.opts.observer ? observe(this.opts.observer, id, type, add) : add.then(done);
  }

  async idle(): Promise<void> {}

  close(): Promise<void> {
    return this.queues.closeAll();
  }
}
