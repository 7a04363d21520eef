import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UsageError } from '../errors/index.js';
import { printable, printableValue } from '../errors/printable.js';
import { namedErrorLine } from '../errors/thrown.js';

/** What a flag's refusals say about its modules: what to give instead, and where the types are. */
export interface ModuleFlag {
  /** `--client`, `--workload`. */
  flag: string;
  /** The end of the "no such file" line: `give a module path such as ./src/redis.mjs, or ...`. */
  instead: string;
  /** The module kind and its types, for the TypeScript refusal: `client`, `import type { ClientDefinition } from 'redis-arc/client'`. */
  kind: string;
  types: string;
}

/**
 * Import a user's ES module given to `flag` (.mjs, or .js in a `"type": "module"` project),
 * relative to `cwd`. Every way it fails to load is one line naming the file (exit 2): missing, a
 * TypeScript file Node 20 cannot run, or code that threw while loading. What it exports is the
 * caller's to check.
 */
export async function importUserModule(file: string, cwd: string, f: ModuleFlag): Promise<unknown> {
  const path = resolve(cwd, file);
  const name = printable(file);
  if (!statSync(path, { throwIfNoEntry: false })?.isFile()) throw new UsageError(`${f.flag} ${name}: no such file (${f.instead})`);
  // Node 20 runs no TypeScript: say so rather than relay its unknown-extension error.
  if (/\.[cm]?tsx?$/.test(path))
    throw new UsageError(
      `${f.flag} ${name}: a TypeScript module cannot be loaded; compile it, or write the ${f.kind} module as .mjs (types: ${f.types} in JSDoc)`,
    );
  try {
    const mod: unknown = await import(pathToFileURL(path).href);
    return mod;
  } catch (err) {
    throw new UsageError(`${f.flag} ${name}: loading it threw ${printableValue(namedErrorLine(err))}`);
  }
}
