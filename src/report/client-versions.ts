/** One profile's libraries, as a trial or a bench cell names them. */
export interface ProfileVersions {
  profile: string;
  bullmq: string;
  ioredis: string;
}

/**
 * The BullMQ and ioredis that ran, for a report's header: with `--client` they are each
 * profile's (an `--app-dir` runs the application's, `redis-arc` its own), not redis-arc's.
 * `BullMQ 6.7.0, ioredis 6.0.0` when every profile ran the same; else one group per pair,
 * naming its profiles. Undefined without profiles: the environment's versions are the ones.
 */
export function clientVersions(ran: readonly ProfileVersions[]): string | undefined {
  const groups = new Map<string, string[]>();
  for (const r of ran) {
    const key = `BullMQ ${r.bullmq}, ioredis ${r.ioredis}`;
    const names = groups.get(key) ?? [];
    if (!names.includes(r.profile)) names.push(r.profile);
    groups.set(key, names);
  }
  if (groups.size <= 1) return [...groups.keys()][0];
  return [...groups].map(([versions, names]) => `${versions} (${names.join(', ')})`).join('; ');
}
