import { statSync, type Stats } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UsageError } from '../errors/index.js';
import { fsReason } from '../errors/fs-error.js';
import { printable, printableValue } from '../errors/printable.js';
import { redact } from '../errors/redact.js';
import { errnoCode } from '../errors/thrown.js';
import { runUserCode, UserCodeError, userCodeTimeoutMs, type UserCodeFailure } from './user-code.js';

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
 * relative to `cwd`. Every way it fails to load is one line naming the file (exit 2): a path
 * that is not a file (missing, a folder, a link loop), a TypeScript file Node 20 cannot run,
 * code that threw while loading, called process.exit, or did not finish within the timeout
 * (REDIS_ARC_MODULE_TIMEOUT_MS). What it exports is the caller's to check.
 */
export async function importUserModule(file: string, cwd: string, f: ModuleFlag, timeoutMs = userCodeTimeoutMs()): Promise<unknown> {
  const path = resolve(cwd, file);
  const name = printable(file);
  const problem = pathProblem(path, f);
  if (problem) throw new UsageError(`${f.flag} ${name}: ${problem}`);
  // Node 20 runs no TypeScript: say so rather than relay its unknown-extension error.
  if (/\.[cm]?tsx?$/.test(path))
    throw new UsageError(
      `${f.flag} ${name}: a TypeScript module cannot be loaded; compile it, or write the ${f.kind} module as .mjs (types: ${f.types} in JSDoc)`,
    );
  try {
    return await runUserCode(() => import(pathToFileURL(path).href), timeoutMs);
  } catch (err) {
    if (err instanceof UserCodeError) throw new UsageError(`${f.flag} ${name}: ${loadFailure(err.failure, f)}`);
    throw err;
  }
}

/**
 * `read()` over what a module exports, as one line when it throws: a getter or a Proxy in the
 * exports is the user's code too, and runs when redis-arc looks at them.
 */
export function readExports<T>(flag: string, file: string, read: () => T): T {
  try {
    return read();
  } catch (err) {
    throw new UsageError(`${flag} ${printable(file)}: reading what it exports threw ${thrownLine(err)}`);
  }
}

/** Why `path` is not a module file to import, or undefined when it is one. */
function pathProblem(path: string, f: ModuleFlag): string | undefined {
  let st: Stats | undefined;
  try {
    st = statSync(path, { throwIfNoEntry: false });
  } catch (err) {
    const code = errnoCode(err) ?? 'EIO';
    return code === 'ENOTDIR' ? `no such file (${f.instead})` : fsReason(code, path);
  }
  if (!st) return `no such file (${f.instead})`;
  if (st.isDirectory()) return `is a folder, not a module file (${f.instead})`;
  if (!st.isFile()) return `is not a regular file (a pipe, socket or device); ${f.instead}`;
  return undefined;
}

/** How loading failed, in the words of the module's flag. */
function loadFailure(failure: UserCodeFailure, f: ModuleFlag): string {
  if (failure.how === 'timeout')
    return `loading it did not finish within ${failure.timeoutMs / 1000} s (a top-level await that never settles?); make its top-level code finish, or raise REDIS_ARC_MODULE_TIMEOUT_MS (ms)`;
  if (failure.how === 'exit')
    return `it called process.exit(${printableValue(failure.code)}) while loading; a ${f.kind} module must export what redis-arc runs, not end the process`;
  return `loading it threw ${thrownLine(failure.value)}`;
}

/**
 * The first line of what a user's code threw, whatever it is (an Error with its class, a string,
 * an object as JSON, even one whose toString throws), with credentials in URLs masked: a module's
 * error may quote the connection string it failed on. Known secrets are masked where it is printed.
 */
const MAX_LINE = 300;

export function thrownLine(value: unknown): string {
  let text: string;
  try {
    if (value instanceof Error) text = `${value.name}: ${String(value.message)}`;
    else if (typeof value === 'string') text = value;
    else if (typeof value === 'object' && value !== null) text = JSON.stringify(value) ?? Object.prototype.toString.call(value);
    else text = String(value);
  } catch {
    text = Object.prototype.toString.call(value);
  }
  // Masked before it is cut, so that no part of a secret survives the cut.
  const line = redact(text.split('\n')[0] ?? '').replace(/\/\/[^@/\s]*@/g, '//***@');
  return printableValue(line.length > MAX_LINE ? `${line.slice(0, MAX_LINE)}…` : line);
}
