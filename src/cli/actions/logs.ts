import { redact } from '../../errors/redact.js';
import { openProject } from '../../project/open.js';
import { selectRuntime, type RuntimeChoice } from '../../project/runtime.js';
import { imageOption } from '../target.js';

export async function runLogs(nodeId: string | undefined, opts: Record<string, unknown>): Promise<void> {
  const project = await openProject(opts.spec as string);
  const runtime = await selectRuntime(project, (opts.runtime as RuntimeChoice | undefined) ?? 'auto', { image: imageOption(opts) });
  await runtime.printLogs(nodeId, { lines: opts.lines as number, follow: Boolean(opts.follow), write: (line) => process.stdout.write(`${redact(line)}\n`) });
}
