import { checkSpec } from '../../doctor/spec-rules.js';
import { report } from '../../doctor/finding.js';
import { EXIT } from '../../errors/index.js';
import { openProject } from '../../project/open.js';
import { printDoctor } from '../../report/doctor.js';

export async function runDoctor(opts: Record<string, unknown>): Promise<number> {
  const project = await openProject(opts.spec as string);
  const result = report(project.specFile, checkSpec(project.spec));
  if (opts.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else printDoctor(result);
  return result.errors > 0 ? EXIT.failed : EXIT.ok;
}
