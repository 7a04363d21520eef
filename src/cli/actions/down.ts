import { ArcError, UsageError } from '../../errors/index.js';
import { openProject } from '../../project/open.js';
import { selectRuntime } from '../../project/runtime.js';
import { emit } from '../../report/emit.js';
import { createProgress } from '../../report/progress.js';
import { withProjectLock } from '../locked.js';
import { downOptions } from '../schemas/down.js';
import { parseOptions } from '../schemas/parse.js';
import { imageOption } from '../target.js';

export async function runDown(raw: unknown): Promise<void> {
  const opts = parseOptions(downOptions, raw);
  const project = await openProject(opts.spec);
  const runtime = await selectRuntime(project, opts.runtime, { image: imageOption(opts) });
  if (opts.keepVolumes && runtime.name !== 'docker') {
    throw new UsageError('--keep-volumes applies to the docker runtime; the local runtime keeps its data unless --purge');
  }
  // Containers leave nothing behind by default (their volumes too); local node folders stay until --purge.
  const purge = opts.purge || (runtime.name === 'docker' && !opts.keepVolumes);
  const progress = await createProgress({ quiet: opts.json });
  const { result, left } = await withProjectLock(project, 'down', async () => {
    progress.step(`stopping ${runtime.topology.name}`);
    const result = await runtime.stop({ purge });
    return { result, left: result.left ?? (await runtime.states()).filter((s) => s.state !== 'stopped') };
  });
  const { left: _checked, ...stop } = result;
  emit(
    { name: runtime.topology.name, ...stop, stillRunning: left.map((s) => s.id) },
    {
      json: opts.json,
      print: () => {
        const parts = [`stopped ${result.stopped.length} node(s)`];
        if (result.killed.length) parts.push(`${result.killed.length} needed SIGKILL (${result.killed.join(', ')})`);
        // "nothing was running" only when nothing is: a process left behind is named below instead.
        if (!result.stopped.length && !left.length) parts[0] = 'nothing was running';
        if (result.purged) parts.push(runtime.name === 'docker' ? 'volumes removed' : 'data deleted');
        else if (runtime.name === 'docker') parts.push('volumes kept for the next `up`');
        else if (purge) parts.push('data kept');
        const line = `${runtime.topology.name}: ${parts.join('; ')}`;
        if (left.length) progress.fail(line);
        else progress.succeed(line);
      },
    },
  );
  if (left.length) throw new ArcError(`still running after down: ${left.map((s) => `${s.id} (${s.detail})`).join(', ')}`);
}
