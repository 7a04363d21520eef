import { UsageError } from '../errors/index.js';
import { printable } from '../errors/printable.js';
import { BUILTIN_PROFILES, builtinProfile, type BuiltinProfile } from './builtin.js';
import { appLibs, ownLibs } from './libs.js';
import { loadClientModule } from './load-module.js';
import type { ClientProfile } from './types.js';

const isBuiltin = (s: string): s is BuiltinProfile => BUILTIN_PROFILES.some((p) => p === s);

/**
 * `--client defaults,bullmq-docs,./src/redis.mjs` as profiles, in the order given. `appDir`:
 * BullMQ and ioredis come from the application (`--app-dir`); `redis-arc` always runs its own.
 */
export async function resolveProfiles(list: string, opts: { appDir?: string; cwd?: string } = {}): Promise<ClientProfile[]> {
  const names = list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (!names.length) throw new UsageError('--client: give a profile (defaults, bullmq-docs, redis-arc) or a module path');
  const dupe = names.find((n, i) => names.indexOf(n) !== i);
  if (dupe) throw new UsageError(`--client: ${printable(dupe)} is named twice`);
  const libs = opts.appDir ? appLibs(opts.appDir) : ownLibs();
  const profiles: ClientProfile[] = [];
  for (const n of names) {
    if (isBuiltin(n)) profiles.push(builtinProfile(n, n === 'redis-arc' ? ownLibs() : libs));
    else if (/^[a-z-]+$/.test(n) && !n.includes('.'))
      throw new UsageError(`--client ${printable(n)}: not a profile (defaults, bullmq-docs, redis-arc) nor a module path (start it with ./)`);
    else profiles.push(await loadClientModule(n, libs, opts.cwd));
  }
  return profiles;
}
