import { EXIT } from '../../errors/index.js';
import { MODES } from '../../events/producer.js';
import { emit } from '../../report/emit.js';
import { createProgress } from '../../report/progress.js';
import { printSmoke } from '../../report/smoke.js';
import { runSmoke } from '../../scenarios/smoke/index.js';
import { resolveWorkloads } from '../../scenarios/workloads/resolve.js';
import { beforeStart, onInterrupt } from '../interrupt.js';
import { parseOptions } from '../schemas/parse.js';
import { smokeOptions } from '../schemas/smoke.js';
import { openTopology } from '../target.js';

export async function runSmokeCommand(raw: unknown): Promise<number> {
  const opts = parseOptions(smokeOptions, raw);
  const workloads = opts.workload ? await resolveWorkloads(opts.workload) : undefined;
  const { target } = await beforeStart('smoke', () => openTopology(opts, { bullmq: true }));
  const modes = opts.mode === 'all' ? [...MODES] : [opts.mode];
  const progress = await createProgress({ quiet: opts.json });
  const interrupt = onInterrupt('stopping, removing the smoke queues', opts.json ? undefined : (m) => progress.step(m));
  const result = await runSmoke({
    signal: interrupt.signal,
    target,
    modes,
    jobs: opts.jobs,
    timeoutMs: opts.timeout * 1000,
    prefix: opts.prefix,
    ...(workloads?.length && { workloads, workloadSettings: { longMs: opts.longMs } }),
    onProgress: (m) => progress.step(m),
  }).finally(() => interrupt.dispose());
  if (interrupt.signal.aborted) {
    progress.fail('interrupted: load stopped, smoke queues removed, connections closed; the topology was left running');
    // In text mode the progress line above says it all.
    emit({ ...result, interrupted: true }, { json: opts.json, print: () => undefined });
    return EXIT.interrupted;
  }
  if (result.ok)
    progress.succeed(`every job processed exactly once (${modes.join(', ')})${result.workloads?.length ? `; every workload's invariants held` : ''}`);
  else progress.fail('smoke test found problems');
  emit(result, { json: opts.json, print: printSmoke });
  return result.ok ? EXIT.ok : EXIT.failed;
}
