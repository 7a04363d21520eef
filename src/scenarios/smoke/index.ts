import { preflight } from '../guard/preflight.js';
import { pingTarget, whileAnswering } from '../guard/liveness.js';
import { smokeMode } from './run-mode.js';
import type { SmokeModeResult, SmokeOptions, SmokeResult } from './types.js';

export type { SmokeHooks, SmokeModeResult, SmokeOptions, SmokeResult } from './types.js';

/** `redis-arc smoke`: each mode in turn, every job accounted for. */
export async function runSmoke(opts: SmokeOptions): Promise<SmokeResult> {
  await preflight(opts.target, 'smoke-test', opts.signal);
  const results: SmokeModeResult[] = [];
  const modes = async () => {
    for (const mode of opts.modes) if (!opts.signal?.aborted) results.push(await smokeMode(mode, opts));
  };
  await whileAnswering(modes(), pingTarget(opts.target), { doing: 'smoke', ...(opts.signal && { signal: opts.signal }) });
  return { kind: opts.target.kind, jobs: opts.jobs, results, ok: results.every((r) => r.ok) };
}
