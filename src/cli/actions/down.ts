import { openProject } from '../../project/open.js';
import { selectRuntime, type RuntimeChoice } from '../../runtime/select.js';
import { createProgress } from '../../report/progress.js';
import { withProjectLock } from '../locked.js';

export async function runDown(opts: Record<string, unknown>): Promise<void> {
  const project = await openProject(opts.spec as string);
  const runtime = await selectRuntime(project, opts.runtime as RuntimeChoice);
  const progress = await createProgress({ quiet: Boolean(opts.json) });
  const { result, left } = await withProjectLock(project, 'down', async () => {
    progress.step(`stopping ${runtime.topology.name}`);
    const result = await runtime.stop({ purge: Boolean(opts.purge) });
    return { result, left: (await runtime.states()).filter((s) => s.state !== 'stopped') };
  });
  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ name: runtime.topology.name, ...result, stillRunning: left.map((s) => s.id) }, null, 2)}\n`);
  } else {
    const parts = [`stopped ${result.stopped.length} node(s)`];
    if (result.killed.length) parts.push(`${result.killed.length} needed SIGKILL (${result.killed.join(', ')})`);
    if (result.alreadyStopped.length === runtime.topology.nodes.length) parts[0] = 'nothing was running';
    if (result.purged) parts.push('data deleted');
    progress.succeed(`${runtime.topology.name}: ${parts.join('; ')}`);
  }
  if (left.length) {
    const { ArcError } = await import('../../errors/index.js');
    throw new ArcError(`still running after down: ${left.map((s) => `${s.id} (${s.detail})`).join(', ')}`);
  }
}
