import { z } from 'zod';
import { UsageError } from '../../errors/index.js';
import { importUserModule, readExports } from '../../system/user-module.js';
import { printable, printableValue } from '../../errors/printable.js';
import type { WorkloadDefinition } from './define.js';
import type { Workload } from './types.js';
import { userWorkload } from './user-workload.js';

const HOW = "export default defineWorkload({ add({ queue, i }) { ... }, process(job) { ... } }) from 'redis-arc/workload'";

const isFunction = (v: unknown): boolean => typeof v === 'function';
const fn = <F>() => z.custom<F>(isFunction, { message: 'must be a function' });

/** What a workload module's default export must be; an unknown key (a typo such as `proccess`) is named, never ignored. */
const DEFINITION = z.strictObject({
  name: z.string().min(1).optional(),
  everyMs: z.number().positive().max(60_000).optional(),
  concurrency: z.number().int().positive().max(1000).optional(),
  add: fn<WorkloadDefinition['add']>(),
  process: fn<WorkloadDefinition['process']>(),
  check: fn<NonNullable<WorkloadDefinition['check']>>().optional(),
});

/**
 * Load a user's workload module (`--workload FILE`, an ES module: .mjs, or .js in a
 * `"type": "module"` project) and make it a Workload named by the path as given. Every way it
 * can fail is one line naming the file (exit 2), as for `--client` modules.
 */
export async function loadWorkloadModule(file: string, cwd = process.cwd()): Promise<Workload> {
  const name = printable(file);
  const mod = await importUserModule(file, cwd, {
    flag: '--workload',
    instead: 'give a module path such as ./my-workload.mjs, or a built-in workload name',
    kind: 'workload',
    types: "import type { WorkloadDefinition } from 'redis-arc/workload'",
  });
  const exported: unknown = readExports('--workload', file, () => (typeof mod === 'object' && mod !== null && 'default' in mod ? mod.default : undefined));
  if (exported === undefined) throw new UsageError(`--workload ${name}: has no default export; ${HOW}`);
  const parsed = readExports('--workload', file, () => DEFINITION.safeParse(exported));
  if (!parsed.success) throw new UsageError(`--workload ${name}: its default export is not a workload (${issuesOf(parsed.error)}); ${HOW}`);
  return userWorkload(file, parsed.data);
}

/** zod's issues on one line: `add: must be a function; everyMs: Invalid input: expected number, received string`. */
function issuesOf(error: z.ZodError): string {
  return error.issues
    .map((i) => {
      const where = i.path.map(String).join('.');
      const what = i.code === 'unrecognized_keys' ? `unknown key${i.keys.length > 1 ? 's' : ''} ${i.keys.join(', ')}` : i.message;
      return printableValue(where ? `${where}: ${what}` : what);
    })
    .join('; ');
}
