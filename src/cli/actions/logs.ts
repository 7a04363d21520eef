import { redact } from '../../errors/redact.js';
import { openProject } from '../../project/open.js';
import { selectRuntime } from '../../project/runtime.js';
import { logsOptions } from '../schemas/logs.js';
import { parseOptions } from '../schemas/parse.js';
import { imageOption } from '../target.js';

export async function runLogs(nodeId: string | undefined, raw: unknown): Promise<void> {
  const opts = parseOptions(logsOptions, raw);
  const project = await openProject(opts.spec);
  const runtime = await selectRuntime(project, opts.runtime, { image: imageOption(opts) });
  await runtime.printLogs(nodeId, { lines: opts.lines, follow: opts.follow, write: (line) => process.stdout.write(`${redact(line)}\n`) });
}
