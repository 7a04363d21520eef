import { execa } from 'execa';
import { rm, stat } from 'node:fs/promises';
import { relative } from 'node:path';
import { ArcError, UsageError } from '../errors/index.js';
import { serversCacheDir, ServerFolder } from './cache.js';
import { CATALOGUE, catalogueServer, SERVER_NAMES } from './catalogue.js';
import { readManifest } from './manifest.js';
import { findOnPath } from './path.js';

export interface ServerListing {
  name: string;
  about: string;
  /** Whether `--server NAME` runs now. */
  ready: boolean;
  /** The version it answers (`--version`'s v=), when ready. */
  version?: string;
  /** Where it runs from: a PATH binary or the cache folder. */
  where?: string;
  /** Cache only: bytes on disk and when it was fetched. */
  bytes?: number;
  fetchedAt?: string;
  /** The next step when not ready. */
  hint?: string;
}

/** Every catalogue server, with whether it is on PATH or in the cache, and other servers PATH has. */
export async function listServers(cacheDir = serversCacheDir()): Promise<ServerListing[]> {
  const rows = await Promise.all(
    CATALOGUE.map(async (entry): Promise<ServerListing> => {
      if (entry.source === 'path') {
        const path = await findOnPath('redis-server');
        const version = path ? await versionOf(path) : undefined;
        return {
          name: entry.name,
          about: entry.about,
          ready: Boolean(path),
          version,
          where: path,
          hint: path ? undefined : 'install redis-server (Debian: apt-get install redis-server redis-sentinel)',
        };
      }
      const folder = new ServerFolder(entry.name, cacheDir);
      const manifest = await readManifest(folder.manifest);
      if (!manifest) return { name: entry.name, about: entry.about, ready: false, hint: `redis-arc servers add ${entry.name}` };
      return {
        name: entry.name,
        about: entry.about,
        ready: true,
        version: manifest.version,
        where: folder.dir,
        bytes: manifest.bytes,
        fetchedAt: manifest.fetchedAt,
      };
    }),
  );
  // A valkey-server of the machine's own is usable by path.
  const valkey = await findOnPath('valkey-server');
  if (valkey) rows.push({ name: valkey, about: 'valkey-server on PATH (use it by path)', ready: true, version: await versionOf(valkey), where: valkey });
  return rows;
}

/** `--version`'s v= (e.g. 8.1.1), or undefined when it does not answer. */
export async function versionOf(binary: string): Promise<string | undefined> {
  const r = await execa(binary, ['--version'], { reject: false, timeout: 10_000 });
  return /v=(\S+)/.exec(String(r.stdout))?.[1];
}

/** Delete a fetched server's folder: only a catalogue name, only inside the cache. */
export async function removeServer(name: string, cacheDir = serversCacheDir()): Promise<{ name: string; removed: string; bytes: number }> {
  const entry = catalogueServer(name);
  if (!entry)
    throw new UsageError(
      `servers remove ${JSON.stringify(name)}: expected one of ${SERVER_NAMES.filter((n) => catalogueServer(n)?.source === 'debian').join(', ')}`,
    );
  if (entry.source !== 'debian')
    throw new UsageError(`servers remove ${name}: it is the machine's own redis-server, not in the cache; redis-arc deletes nothing outside ${cacheDir}`);
  const folder = new ServerFolder(entry.name, cacheDir);
  const inside = relative(cacheDir, folder.dir);
  if (!inside || inside.startsWith('..') || inside.includes('/')) throw new ArcError(`servers remove ${name}: ${folder.dir} is not a folder of ${cacheDir}`);
  if (!(await stat(folder.dir).catch(() => undefined))) throw new ArcError(`servers remove ${name}: not in the cache (${folder.dir}); nothing to delete`);
  const manifest = await readManifest(folder.manifest);
  await rm(folder.dir, { recursive: true, force: true });
  return { name, removed: folder.dir, bytes: manifest?.bytes ?? 0 };
}
