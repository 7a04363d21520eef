import type { EventRoutes } from '../events/catalog.js';

/** The job every load adds (failover-test's trials, bench's cells), whichever profile adds it. */
export const LOAD_JOB = { jobName: 'fetch-content', jobOptions: { attempts: 3 } } as const;

/** The event layer's routes for a load: its one event to the run's own queue, and no other (a producer opens every queue it routes to). */
export function loadRoutes(queueName: string): EventRoutes {
  return { 'content.save.requested': [{ queueName, ...LOAD_JOB, jobOptions: { ...LOAD_JOB.jobOptions } }], 'content.processing.completed': [] };
}
