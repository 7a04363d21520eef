import { EXIT } from '../../errors/index.js';
import { MODES, type Mode } from '../../events/producer.js';
import { createProgress } from '../../report/progress.js';
import { printSmoke } from '../../report/smoke.js';
import { runSmoke } from '../../scenarios/smoke/index.js';
import { commandTarget } from '../target.js';

export async function runSmokeCommand(opts: Record<string, unknown>): Promise<number> {
  const target = await commandTarget(opts);
  const modes: Mode[] = opts.mode === 'all' ? [...MODES] : [opts.mode as Mode];
  const progress = await createProgress({ quiet: Boolean(opts.json) });
  const result = await runSmoke({
    target,
    modes,
    jobs: opts.jobs as number,
    timeoutMs: (opts.timeout as number) * 1000,
    prefix: opts.prefix as string | undefined,
    onProgress: (m) => progress.step(m),
  });
  if (result.ok) progress.succeed(`every job processed exactly once (${modes.join(', ')})`);
  else progress.fail('smoke test found problems');
  if (opts.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else printSmoke(result);
  return result.ok ? EXIT.ok : EXIT.failed;
}
