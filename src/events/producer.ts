import type { ConnectionOptions } from 'bullmq';
import type { EventPayload, EventRoutes, EventType } from './catalog.js';

export const MODES = ['direct', 'bus', 'manager'] as const;
export type Mode = (typeof MODES)[number];

/** Per-event outcome callbacks, the same for all three modes (the bus has no promise to await). */
export interface EmitObserver {
  /** The job add was acknowledged by Redis. */
  acked?(id: string, type: EventType): void;
  /** The job add failed; for the bus this is the only place a failure shows. */
  failed?(id: string, type: EventType, error: Error): void;
}

export interface EmitOptions {
  /** Becomes the BullMQ job id (the same id twice is one job). Generated when absent. */
  id?: string;
}

export interface ProducerOptions {
  /** A BullMQ connection: ioredis instance (shared by every queue, not closed by the producer) or options. */
  connection: ConnectionOptions;
  /** Queue key prefix; on a cluster it must carry a hash tag such as `{bull}`. */
  prefix?: string;
  /** `cluster` makes queues without a hash-tagged prefix an error (CROSSSLOT) instead of a runtime failure. */
  topologyKind?: 'standalone' | 'sentinel' | 'cluster';
  routes?: EventRoutes;
  observer?: EmitObserver;
}

/**
 * One small interface over the three ways to turn a domain event into BullMQ jobs. `emit`
 * resolves once the job is added (direct, manager) or at once (bus: outcomes go to the observer).
 */
export interface EventProducer {
  readonly mode: Mode;
  emit<K extends EventType>(type: K, payload: EventPayload<K>, opts?: EmitOptions): Promise<void>;
  /** Resolves when every add started so far has settled (the bus's queue of forwards drained). */
  idle(): Promise<void>;
  /** Close the queues this producer opened. */
  close(): Promise<void>;
}
