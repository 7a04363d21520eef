import type { JobsOptions } from 'bullmq';

/**
 * The domain events, from the seed analysis (ARC-012). One map from event type to payload:
 * every producer accepts only these names with their payloads.
 */
export interface EventCatalog {
  'content.save.requested': {
    libraryItemId: string;
    userId: string;
    url: string;
    contentType: 'HTML' | 'PDF' | 'EPUB' | 'IMAGE' | (string & {});
  };
  'content.processing.completed': {
    libraryItemId: string;
    userId: string;
    /** How long processing took, as the processor measured it. */
    durationMs: number;
    status: 'succeeded' | 'failed';
  };
}

export type EventType = keyof EventCatalog;
export type EventPayload<K extends EventType> = EventCatalog[K];

/** Where an event becomes a job. */
export interface EventRoute {
  queueName: string;
  jobName: string;
  jobOptions?: JobsOptions;
}

/** Every event type routes to one or more queues (fan-out). */
export type EventRoutes = { [K in EventType]: EventRoute[] };

/** The seed's retry policy for content processing: 3 attempts, exponential back-off from 2 s. */
export const CONTENT_JOB_OPTIONS: JobsOptions = { attempts: 3, backoff: { type: 'exponential', delay: 2000 } };

export const DEFAULT_ROUTES: EventRoutes = {
  'content.save.requested': [{ queueName: 'content-processing', jobName: 'fetch-content', jobOptions: CONTENT_JOB_OPTIONS }],
  'content.processing.completed': [{ queueName: 'content-notifications', jobName: 'notify-completed', jobOptions: { attempts: 3 } }],
};

/** Whether a key names a domain event: DEFAULT_ROUTES, an EventRoutes, has every one of them. */
export const isEventType = (key: string): key is EventType => Object.hasOwn(DEFAULT_ROUTES, key);

export const EVENT_TYPES: EventType[] = Object.keys(DEFAULT_ROUTES).filter(isEventType);

/** The event types a route table routes, in its order. */
export const routedTypes = (routes: EventRoutes): EventType[] => Object.keys(routes).filter(isEventType);

/** The same routes with every queue renamed, e.g. to give a test run queues of its own. */
export function renameQueues(routes: EventRoutes, rename: (queueName: string) => string): EventRoutes {
  const out: EventRoutes = { ...routes };
  for (const type of routedTypes(routes)) out[type] = routes[type].map((r) => ({ ...r, queueName: rename(r.queueName) }));
  return out;
}
