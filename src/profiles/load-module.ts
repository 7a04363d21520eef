import type { ClientAddresses, ClientRole } from '../client/index.js';
import { UsageError } from '../errors/index.js';
import { printable } from '../errors/printable.js';
import { runUserCode, UserCodeError, userCodeTimeoutMs, type UserCodeFailure } from '../system/user-code.js';
import { importUserModule, readExports, thrownLine } from '../system/user-module.js';
import { addressesOf } from './addresses.js';
import { queueAddProfile } from './queue-add-producer.js';
import type { ClientLibs, ClientProfile } from './types.js';

/** A client module as loaded: its connection function and jobIds, unchecked (user code: only run time tells). */
interface Loaded {
  connection(role: ClientRole, addresses: ClientAddresses): unknown;
  jobIds: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** What a client module may export: `defineClient(...)` or a bare function, as default or as `connection`. */
function definitionOf(mod: Record<string, unknown>): Loaded | undefined {
  for (const candidate of [mod.default, mod.connection, mod]) {
    if (typeof candidate === 'function') return { connection: (role, a): unknown => Reflect.apply(candidate, undefined, [role, a]), jobIds: undefined };
    if (!isObject(candidate)) continue;
    const connection = candidate.connection;
    if (typeof connection === 'function')
      return { connection: (role, a): unknown => Reflect.apply(connection, candidate, [role, a]), jobIds: candidate.jobIds };
  }
  return undefined;
}

/**
 * Load the application's client module (`--client FILE`, an ES module: .mjs, or .js in a
 * `"type": "module"` project). Every way it can fail is one line naming the file (exit 2).
 */
export async function loadClientModule(file: string, libs: ClientLibs, cwd = process.cwd(), timeoutMs = userCodeTimeoutMs()): Promise<ClientProfile> {
  const name = printable(file);
  const mod = await importUserModule(
    file,
    cwd,
    {
      flag: '--client',
      instead: 'give a module path such as ./src/redis.mjs, or defaults, bullmq-docs, redis-arc',
      kind: 'client',
      types: "import type { ClientDefinition } from 'redis-arc/client'",
    },
    timeoutMs,
  );
  const definition = readExports('--client', file, () => (isObject(mod) ? definitionOf(mod) : undefined));
  if (!definition)
    throw new UsageError(`--client ${name}: exports no client; export default defineClient({ connection(role, addresses) { ... } }) from 'redis-arc/client'`);
  if (definition.jobIds !== undefined && definition.jobIds !== 'bullmq' && definition.jobIds !== 'unique') {
    throw new UsageError(
      `--client ${name}: jobIds must be 'bullmq' or 'unique', not ${printable(readExports('--client', file, () => shown(definition.jobIds)))}`,
    );
  }
  return queueAddProfile({
    name: file,
    jobIds: definition.jobIds === 'unique' ? 'unique' : 'bullmq',
    libs,
    connection: async (role, target) => {
      let c: unknown;
      try {
        // Bounded like the import: a factory that awaits what never comes would hold the run for ever.
        c = await runUserCode(() => definition.connection(role, addressesOf(target)), timeoutMs);
      } catch (err) {
        if (err instanceof UserCodeError) throw new UsageError(`--client ${name}: connection('${role}') ${callFailure(err.failure)}`);
        throw err;
      }
      if (!isObject(c))
        throw new UsageError(`--client ${name}: connection('${role}') returned ${c === null ? 'null' : typeof c}, not ioredis options or an ioredis instance`);
      // Options go to ioredis as they are, which checks them; an instance is used as it is.
      return c;
    },
  });
}

/** How a call into the module failed, after `connection('producer') `. */
function callFailure(failure: UserCodeFailure): string {
  if (failure.how === 'timeout')
    return `did not return within ${failure.timeoutMs / 1000} s (an await that never settles?); make it return ioredis options or an instance, or raise REDIS_ARC_MODULE_TIMEOUT_MS (ms)`;
  if (failure.how === 'exit') return `called process.exit(${printable(failure.code)}); a client module must return connections, not end the process`;
  return `threw ${thrownLine(failure.value)}`;
}

/** A value a module gave, as text: a string as it is, anything else as JSON (or its type). */
const shown = (v: unknown): string => (typeof v === 'string' ? v : (JSON.stringify(v) ?? typeof v));
