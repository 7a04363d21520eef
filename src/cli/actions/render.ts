import { resolve } from 'node:path';
import { openProject } from '../../project/open.js';
import { renderProject } from '../../project/render.js';
import { printWritten } from '../../report/files.js';
import { parseOptions } from '../schemas/parse.js';
import { renderOptions } from '../schemas/render.js';

export async function runRender(raw: unknown): Promise<void> {
  const opts = parseOptions(renderOptions, raw);
  const project = await openProject(opts.spec);
  const result = await renderProject(project, {
    target: opts.target,
    outDir: opts.out ? resolve(opts.out) : undefined,
    templatesDir: opts.templates,
    force: opts.force,
  });
  printWritten({ specFile: project.specFile, topology: project.topology, passwordFile: project.passwordFile, ...result }, opts.json, []);
}
