import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import * as bullmq from 'bullmq';
import { Cluster, Redis } from 'ioredis';
import type { BullMQ } from '../connect/bullmq.js';
import { UsageError } from '../errors/index.js';
import { printable } from '../errors/printable.js';
import type { ClientLibs } from './types.js';
import { errorMessage } from '../errors/thrown.js';

type IORedis = ClientLibs['ioredis'];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** The version in the package.json of the package a resolved file belongs to. */
function versionOf(resolved: string, name: string): string {
  for (let dir = dirname(resolved); dir !== dirname(dir); dir = dirname(dir)) {
    try {
      const pkg: unknown = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      if (isObject(pkg) && pkg.name === name) return typeof pkg.version === 'string' ? pkg.version : 'unknown';
    } catch {
      // no package.json here: look further up
    }
  }
  return 'unknown';
}

// What redis-arc calls on each library: an application's copy of another major version is trusted to have the same API beyond this.
// (ioredis' CommonJS export is the Redis class itself, carrying Redis and Cluster as properties.)
const exportsFunctions = (m: unknown, names: string[]): boolean =>
  (typeof m === 'object' || typeof m === 'function') && m !== null && names.every((k) => typeof Reflect.get(m, k) === 'function');
const isBullmq = (m: unknown): m is BullMQ => exportsFunctions(m, ['Queue', 'Worker', 'QueueEvents', 'FlowProducer']);
const isIoredis = (m: unknown): m is IORedis => exportsFunctions(m, ['Redis', 'Cluster']);

let own: ClientLibs | undefined;

/** redis-arc's own BullMQ and ioredis. */
export function ownLibs(): ClientLibs {
  if (own) return own;
  const require = createRequire(import.meta.url);
  own = {
    bullmq,
    ioredis: { Redis, Cluster },
    from: 'redis-arc',
    versions: { bullmq: versionOf(require.resolve('bullmq'), 'bullmq'), ioredis: versionOf(require.resolve('ioredis'), 'ioredis') },
  };
  return own;
}

/**
 * The application's BullMQ and ioredis, resolved as its own code would (`require` from `dir`),
 * so that the versions it ships are the ones that run.
 */
export function appLibs(dir: string): ClientLibs {
  const root = resolve(dir);
  const require = createRequire(join(root, 'package.json'));
  const load = <T>(name: 'bullmq' | 'ioredis', is: (m: unknown) => m is T): { module: T; version: string } => {
    let file: string;
    let module: unknown;
    try {
      file = require.resolve(name);
      module = require(file);
    } catch (err) {
      const message = errorMessage(err);
      throw new UsageError(
        `--app-dir ${printable(dir)}: cannot load ${name} from it (${printable(message.split('\n')[0] ?? '')}); run npm install there, or leave --app-dir out to use redis-arc's`,
      );
    }
    if (!is(module))
      throw new UsageError(
        `--app-dir ${printable(dir)}: the ${name} it resolves (${printable(file)}) does not export what ${name} does; run npm install there, or leave --app-dir out to use redis-arc's`,
      );
    return { module, version: versionOf(file, name) };
  };
  const b = load('bullmq', isBullmq);
  const i = load('ioredis', isIoredis);
  return { bullmq: b.module, ioredis: i.module, from: root, versions: { bullmq: b.version, ioredis: i.version } };
}
