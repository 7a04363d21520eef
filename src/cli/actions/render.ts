import { resolve } from 'node:path';
import { openProject } from '../../project/open.js';
import { renderProject } from '../../project/render.js';
import { printWritten } from '../../report/files.js';

export async function runRender(opts: Record<string, unknown>): Promise<void> {
  const project = await openProject(opts.spec as string);
  const result = await renderProject(project, {
    outDir: opts.out ? resolve(opts.out as string) : undefined,
    templatesDir: opts.templates as string | undefined,
    force: Boolean(opts.force),
  });
  printWritten({ specFile: project.specFile, topology: project.topology, passwordFile: project.passwordFile, ...result }, Boolean(opts.json), []);
}
