import { UsageError } from '../../errors/index.js';
import { printable } from '../../errors/printable.js';
import { builtinWorkload } from './index.js';
import { isBuiltinWorkload, looksLikeModule, WORKLOADS } from './names.js';
import type { Workload } from './types.js';
import { loadWorkloadModule } from './user-module.js';

/**
 * `--workload jobs,scheduler,./mine.mjs`: the workloads to run beside the plain load, in the
 * order given, each once. `jobs` is that plain load, which always runs: it is dropped here.
 */
export async function resolveWorkloads(list: string, cwd = process.cwd()): Promise<Workload[]> {
  const names = [...new Set(list.split(',').map((s) => s.trim()))];
  if (names.some((n) => n === ''))
    throw new UsageError(`--workload ${printable(list)} has an empty entry; give names separated by commas, e.g. --workload scheduler,delayed`);
  const out: Workload[] = [];
  for (const name of names) {
    if (isBuiltinWorkload(name)) {
      if (name !== 'jobs') out.push(builtinWorkload(name));
    } else if (looksLikeModule(name)) out.push(await loadWorkloadModule(name, cwd));
    else
      throw new UsageError(
        `--workload: unknown workload ${printable(name)}; choose from ${WORKLOADS.join(', ')}, or give a module path such as ./my-workload.mjs`,
      );
  }
  return out;
}
