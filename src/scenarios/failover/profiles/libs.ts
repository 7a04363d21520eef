import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import * as bullmq from 'bullmq';
import * as ioredis from 'ioredis';
import { UsageError } from '../../../errors/index.js';
import { printable } from '../../../errors/printable.js';
import type { ClientLibs } from './types.js';

/** The version in the package.json of the package a resolved file belongs to. */
function versionOf(resolved: string, name: string): string {
  for (let dir = dirname(resolved); dir !== dirname(dir); dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === name) return pkg.version ?? 'unknown';
    } catch {
      // no package.json here: look further up
    }
  }
  return 'unknown';
}

let own: ClientLibs | undefined;

/** redis-arc's own BullMQ and ioredis. */
export function ownLibs(): ClientLibs {
  const require = createRequire(import.meta.url);
  own ??= {
    bullmq,
    ioredis: ioredis as unknown as ClientLibs['ioredis'],
    from: 'redis-arc',
    versions: { bullmq: versionOf(require.resolve('bullmq'), 'bullmq'), ioredis: versionOf(require.resolve('ioredis'), 'ioredis') },
  };
  return own!;
}

/**
 * The application's BullMQ and ioredis, resolved as its own code would (`require` from `dir`),
 * so that the versions it ships are the ones that run.
 */
export function appLibs(dir: string): ClientLibs {
  const root = resolve(dir);
  const require = createRequire(join(root, 'package.json'));
  const load = (name: 'bullmq' | 'ioredis') => {
    try {
      const file = require.resolve(name);
      return { module: require(file) as unknown, version: versionOf(file, name) };
    } catch (err) {
      throw new UsageError(`--app-dir ${printable(dir)}: cannot load ${name} from it (${printable((err as Error).message.split('\n')[0] ?? '')}); run npm install there, or leave --app-dir out to use redis-arc's`);
    }
  };
  const b = load('bullmq');
  const i = load('ioredis');
  return { bullmq: b.module as ClientLibs['bullmq'], ioredis: i.module as ClientLibs['ioredis'], from: root, versions: { bullmq: b.version, ioredis: i.version } };
}
