import { dirname, resolve } from 'node:path';
import { loadSpec, DEFAULT_SPEC_FILE } from '../specfile/load.js';
import { passwordPath } from '../specfile/secret.js';
import type { Spec } from '../specfile/spec.js';
import { planTopology } from '../topology/plan.js';
import type { Topology } from '../topology/types.js';

/** A spec on disk, with the folder its relative paths (password file, state) are resolved against. */
export interface Project {
  specFile: string;
  dir: string;
  spec: Spec;
  topology: Topology;
  passwordFile: string;
}

export async function openProject(specFile = DEFAULT_SPEC_FILE): Promise<Project> {
  const file = resolve(specFile);
  const spec = await loadSpec(file);
  const dir = dirname(file);
  return { specFile: file, dir, spec, topology: planTopology(spec), passwordFile: passwordPath(dir, spec.auth.passwordFile) };
}
