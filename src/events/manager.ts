import { ArcError } from '../errors/index.js';
import { DEFAULT_ROUTES, routedTypes, type EventPayload, type EventRoute, type EventRoutes, type EventType } from './catalog.js';
import type { EmitOptions, EventProducer, ProducerOptions } from './producer.js';
import { addJob, newEventId, observe, QueueSet } from './queues.js';

/**
 * Option 3, the EventManager ported from the legacy API: a route table, queues created lazily
 * on first use and cached, and `await emit(event)`. One event may fan out to several queues;
 * an unregistered event type is an error naming the known ones.
 */
export class EventManager implements EventProducer {
  readonly mode = 'manager' as const;
  private readonly queues: QueueSet;
  private readonly routes = new Map<string, EventRoute[]>();

  constructor(private readonly opts: ProducerOptions) {
    this.queues = new QueueSet(opts);
    const routes: EventRoutes = opts.routes ?? DEFAULT_ROUTES;
    for (const type of routedTypes(routes)) this.registerRoute(type, ...routes[type]);
  }

  registerRoute(type: EventType, ...routes: EventRoute[]): void {
    this.routes.set(type, [...(this.routes.get(type) ?? []), ...routes]);
  }

  /** Queues opened so far (they open on first use). */
  get openQueues(): number {
    return this.queues.size;
  }

  async emit<K extends EventType>(type: K, payload: EventPayload<K>, opts: EmitOptions = {}): Promise<void> {
    const routes = this.routes.get(type);
    if (!routes?.length) {
      throw new ArcError(`no route for event '${String(type)}'; known event types: ${[...this.routes.keys()].join(', ')}`);
    }
    const id = opts.id ?? newEventId();
    // Fan-out: the same job id in each queue, so every consumer can tell it is one event.
    const [only, ...more] = routes;
    const add = only && !more.length ? addJob(this.queues, only, payload, id) : Promise.all(routes.map((r) => addJob(this.queues, r, payload, id)));
    if (this.opts.observer) await observe(this.opts.observer, id, type, add);
    else await add;
  }

  async idle(): Promise<void> {}

  close(): Promise<void> {
    return this.queues.closeAll();
  }
}
