import { EXIT } from '../../errors/index.js';
import { MODES, type Mode } from '../../events/producer.js';
import { createProgress } from '../../report/progress.js';
import { printSmoke } from '../../report/smoke.js';
import { runSmoke } from '../../scenarios/smoke/index.js';
import { beforeStart, onInterrupt } from '../interrupt.js';
import { openTopology } from '../target.js';

export async function runSmokeCommand(opts: Record<string, unknown>): Promise<number> {
  const { target } = await beforeStart('smoke', () => openTopology(opts, { bullmq: true }));
  const modes: Mode[] = opts.mode === 'all' ? [...MODES] : [opts.mode as Mode];
  const progress = await createProgress({ quiet: Boolean(opts.json) });
  const interrupt = onInterrupt('stopping, removing the smoke queues', opts.json ? undefined : (m) => progress.step(m));
  const result = await runSmoke({
    signal: interrupt.signal,
    target,
    modes,
    jobs: opts.jobs as number,
    timeoutMs: (opts.timeout as number) * 1000,
    prefix: opts.prefix as string | undefined,
    onProgress: (m) => progress.step(m),
  }).finally(() => interrupt.dispose());
  if (interrupt.signal.aborted) {
    progress.fail('interrupted: load stopped, smoke queues removed, connections closed; the topology was left running');
    if (opts.json) process.stdout.write(`${JSON.stringify({ ...result, interrupted: true }, null, 2)}\n`);
    return EXIT.interrupted;
  }
  if (result.ok) progress.succeed(`every job processed exactly once (${modes.join(', ')})`);
  else progress.fail('smoke test found problems');
  if (opts.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else printSmoke(result);
  return result.ok ? EXIT.ok : EXIT.failed;
}
