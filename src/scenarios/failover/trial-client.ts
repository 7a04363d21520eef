import type { ClientProfile } from '../../profiles/types.js';
import type { TrialClient } from './types.js';

/**
 * A trial's `client` in the failover result. Its `jobIds` keeps the word the JSON has always
 * had, `tool`, for what profiles and client modules call `unique` (ids the load chooses): the
 * saved results and their readers stay as they were.
 */
export function trialClient(profile: ClientProfile): TrialClient {
  const { bullmq, ioredis } = profile.libs.versions;
  return { profile: profile.name, bullmq, ioredis, jobIds: profile.jobIds === 'unique' ? 'tool' : 'bullmq' };
}
