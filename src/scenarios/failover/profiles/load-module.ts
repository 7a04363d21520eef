import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ClientDefinition } from '../../../client/index.js';
import { UsageError } from '../../../errors/index.js';
import { printable } from '../../../errors/printable.js';
import { addressesOf } from './addresses.js';
import type { ClientLibs, ClientProfile } from './types.js';

/** What a client module may export: `defineClient(...)` or a bare function, as default or as `connection`. */
function definitionOf(mod: Record<string, unknown>): ClientDefinition | undefined {
  for (const candidate of [mod.default, mod.connection, mod]) {
    if (typeof candidate === 'function') return { connection: candidate as ClientDefinition['connection'] };
    if (candidate && typeof candidate === 'object' && typeof (candidate as ClientDefinition).connection === 'function') return candidate as ClientDefinition;
  }
  return undefined;
}

/**
 * Load the application's client module (`--client FILE`, an ES module: .mjs, or .js in a
 * `"type": "module"` project). Every way it can fail is one line naming the file (exit 2).
 */
export async function loadClientModule(file: string, libs: ClientLibs, cwd = process.cwd()): Promise<ClientProfile> {
  const path = resolve(cwd, file);
  const name = printable(file);
  if (!statSync(path, { throwIfNoEntry: false })?.isFile()) throw new UsageError(`--client ${name}: no such file (give a module path such as ./src/redis.mjs, or defaults, bullmq-docs, redis-arc)`);
  // Node 20 runs no TypeScript: say so rather than relay its unknown-extension error.
  if (/\.[cm]?tsx?$/.test(path)) throw new UsageError(`--client ${name}: a TypeScript module cannot be loaded; compile it, or write the client module as .mjs (types: import type { ClientDefinition } from 'redis-arc/client' in JSDoc)`);
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (err) {
    throw new UsageError(`--client ${name}: loading it threw ${printable(firstLine(err))}`);
  }
  const definition = definitionOf(mod);
  if (!definition) throw new UsageError(`--client ${name}: exports no client; export default defineClient({ connection(role, addresses) { ... } }) from 'redis-arc/client'`);
  if (definition.jobIds !== undefined && definition.jobIds !== 'bullmq' && definition.jobIds !== 'unique') {
    throw new UsageError(`--client ${name}: jobIds must be 'bullmq' or 'unique', not ${printable(String(definition.jobIds))}`);
  }
  return {
    name: file,
    jobIds: definition.jobIds === 'unique' ? 'tool' : 'bullmq',
    libs,
    connection: async (role, target) => {
      try {
        const c = await definition.connection(role, addressesOf(target));
        if (!c || typeof c !== 'object') throw new Error(`returned ${c === null ? 'null' : typeof c}, not ioredis options or an ioredis instance`);
        return c;
      } catch (err) {
        throw new UsageError(`--client ${name}: connection('${role}') threw ${printable(firstLine(err))}`);
      }
    },
  };
}

const firstLine = (err: unknown) => (err instanceof Error ? `${err.name}: ${err.message}` : String(err)).split('\n')[0] ?? '';
