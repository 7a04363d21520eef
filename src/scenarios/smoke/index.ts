import { ArcError } from '../../errors/index.js';
import { checkHealth } from '../../probe/health.js';
import { smokeMode } from './run-mode.js';
import type { SmokeOptions, SmokeResult } from './types.js';

export type { SmokeHooks, SmokeModeResult, SmokeOptions, SmokeResult } from './types.js';

/** `redis-arc smoke`: each mode in turn, every job accounted for. */
export async function runSmoke(opts: SmokeOptions): Promise<SmokeResult> {
  // BullMQ waits for a first connection without end: find out here that nothing answers.
  const health = await checkHealth(opts.target);
  if (health.verdict === 'down') {
    throw new ArcError(`the ${opts.target.kind} topology is down, nothing to smoke-test: ${health.problems[0] ?? 'no node answers'}`);
  }
  const results = [];
  for (const mode of opts.modes) if (!opts.signal?.aborted) results.push(await smokeMode(mode, opts));
  return { kind: opts.target.kind, jobs: opts.jobs, results, ok: results.every((r) => r.ok) };
}
