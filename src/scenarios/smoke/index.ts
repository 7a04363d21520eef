import { serverOf } from '../environment.js';
import { preflight } from '../guard/preflight.js';
import { pingTarget, whileAnswering } from '../guard/liveness.js';
import { smokeMode } from './run-mode.js';
import { smokeWorkloads } from './workloads.js';
import type { WorkloadReport } from '../workloads/types.js';
import type { SmokeModeResult, SmokeOptions, SmokeResult } from './types.js';

export type { SmokeHooks, SmokeModeResult, SmokeOptions, SmokeResult } from './types.js';

/** `redis-arc smoke`: each mode in turn, every job accounted for. */
export async function runSmoke(opts: SmokeOptions): Promise<SmokeResult> {
  await preflight(opts.target, 'smoke-test', opts.signal);
  const { server } = await serverOf(opts.target);
  const results: SmokeModeResult[] = [];
  let workloads: WorkloadReport[] | undefined;
  const modes = async () => {
    for (const mode of opts.modes) if (!opts.signal?.aborted) results.push(await smokeMode(mode, opts));
    if (opts.workloads?.length && !opts.signal?.aborted) workloads = await smokeWorkloads(opts.workloads, opts);
  };
  await whileAnswering(modes(), pingTarget(opts.target), { doing: 'smoke', ...(opts.signal && { signal: opts.signal }) });
  const held = (workloads ?? []).every((w) => w.problems.length === 0);
  return { kind: opts.target.kind, jobs: opts.jobs, results, ...(workloads && { workloads }), server, ok: results.every((r) => r.ok) && held };
}
