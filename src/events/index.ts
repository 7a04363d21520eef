/**
 * redis-arc's event layer, usable by applications: `import { createProducer } from 'redis-arc/events'`.
 * Three interchangeable ways to turn a domain event into BullMQ jobs (see docs/library.md).
 */
import { EventBus } from './bus.js';
import { DirectProducer } from './direct.js';
import { EventManager } from './manager.js';
import type { EventProducer, Mode, ProducerOptions } from './producer.js';

export * from './catalog.js';
export type { EmitObserver, EmitOptions, EventProducer, Mode, ProducerOptions } from './producer.js';
export { MODES } from './producer.js';
export { DirectProducer } from './direct.js';
export { EventBus, type BusDropped } from './bus.js';
export { EventManager } from './manager.js';

export function createProducer(mode: Mode, opts: ProducerOptions): EventProducer {
  switch (mode) {
    case 'direct':
      return new DirectProducer(opts);
    case 'bus':
      return new EventBus(opts);
    case 'manager':
      return new EventManager(opts);
  }
}
