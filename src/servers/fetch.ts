import { execa } from 'execa';
import { createHash } from 'node:crypto';
import { readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { ArcError, CannotRunError } from '../errors/index.js';
import { PrivateApt, requireAmd64 } from './apt.js';
import { serversCacheDir, ServerFolder } from './cache.js';
import type { DebianServer } from './catalogue.js';
import { writeManifest, type ServerManifest } from './manifest.js';
import { writeWrappers } from './wrappers.js';

export interface FetchOptions {
  cacheDir?: string;
  /** The machine's apt folder (a test gives its own). */
  aptEtc?: string;
  onStep?: (message: string) => void;
}

interface IndexedPackage {
  name: string;
  version: string;
  file: string;
  size: number;
  sha256: string;
}

/**
 * Fetch a Debian server and its libraries into the cache: private apt index, `apt-get download`,
 * each .deb's SHA256 recomputed against the index, `dpkg -x`, wrappers, then checks that every
 * library resolves inside the folder and that the server answers `--version` with the catalogue's
 * version. Built in `<name>.partial` and renamed into place, so a failed fetch leaves no half server.
 */
export async function fetchServer(server: DebianServer, opts: FetchOptions = {}): Promise<ServerManifest> {
  requireAmd64();
  const t0 = performance.now();
  const step = opts.onStep ?? (() => {});
  const cacheDir = opts.cacheDir ?? serversCacheDir();
  const folder = new ServerFolder(server.name, cacheDir);
  const stage = new ServerFolder(`${server.name}.partial`, cacheDir);
  // One apt index per suite, shared by the servers of that suite (~20 MB).
  const apt = new PrivateApt(join(cacheDir, `.apt-${server.suite}`), server.suite);
  step(`reading the Debian ${server.suite} package index from this machine's mirror`);
  const mirror = await apt.update(opts.aptEtc);
  const names = [server.toolsPackage, ...server.libraries];
  const packages = await Promise.all(names.map(async (name) => indexed(name, await apt.show(name))));
  const tools = packages[0];
  if (!tools || !upstream(tools.version).startsWith(`${server.version}.`)) {
    throw new CannotRunError(
      `servers add ${server.name}: ${server.suite} offers ${server.toolsPackage} ${tools?.version ?? '(none)'}, not ${server.version}.x`,
    );
  }
  await rm(stage.dir, { recursive: true, force: true });
  try {
    const bytes = packages.reduce((sum, p) => sum + p.size, 0);
    step(`downloading ${packages.length} packages (${(bytes / 1e6).toFixed(1)} MB): ${server.toolsPackage} ${tools.version} and its libraries`);
    const debs = join(stage.dir, 'debs');
    await apt.download(names, debs);
    step('checking each package against the SHA256 of the signed package index, unpacking');
    for (const p of packages) {
      const path = join(debs, await debFile(debs, p));
      const sum = await sha256(path);
      if (sum !== p.sha256) throw new ArcError(`servers add ${server.name}: ${p.file} has SHA256 ${sum}, the index says ${p.sha256}; run it again`);
      const x = await execa('dpkg', ['-x', path, stage.root], { reject: false, all: true });
      if (x.exitCode !== 0) throw new ArcError(`servers add ${server.name}: dpkg -x ${p.file} failed: ${x.all.trim()}`);
    }
    await rm(debs, { recursive: true, force: true });
    await writeWrappers(stage.dir, server);
    await checkLibraries(stage, server);
    const versionLine = await answerVersion(stage, server);
    const manifest: ServerManifest = {
      name: server.name,
      suite: server.suite,
      mirror: mirror.uri,
      versionLine,
      version: /v=(\S+)/.exec(versionLine)?.[1] ?? upstream(tools.version),
      fetchedAt: new Date().toISOString(),
      fetchMs: Math.round(performance.now() - t0),
      bytes: await folderBytes(stage.root),
      packages,
    };
    await writeManifest(stage.manifest, manifest);
    await rm(folder.dir, { recursive: true, force: true });
    await rename(stage.dir, folder.dir);
    return manifest;
  } finally {
    await rm(stage.dir, { recursive: true, force: true });
  }
}

function indexed(name: string, fields: Map<string, string>): IndexedPackage {
  const file = fields.get('Filename');
  const sha = fields.get('SHA256');
  const version = fields.get('Version');
  if (!file || !sha || !version) throw new CannotRunError(`servers add: the package index has no Filename/SHA256/Version for ${name}`);
  return { name, version, file: basename(file), size: Number(fields.get('Size') ?? 0), sha256: sha };
}

/** "5:8.0.2-3+deb13u3" → "8.0.2": the version without epoch and Debian revision. */
export function upstream(debianVersion: string): string {
  return debianVersion.replace(/^\d+:/, '').replace(/[-+~].*$/, '');
}

/** apt-get download names a file with its epoch's colon escaped (redis-tools_5%3a8.0.2-…): find it by package and arch. */
async function debFile(dir: string, p: IndexedPackage): Promise<string> {
  const files = await readdir(dir);
  const found = files.find((f) => f.startsWith(`${p.name}_`) && f.endsWith('.deb'));
  if (!found) throw new ArcError(`servers add: apt-get download left no ${p.name}_*.deb in ${dir}`);
  return found;
}

async function sha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  hash.update(await readFile(path));
  return hash.digest('hex');
}

/** `ld.so --list` of the server and the cli: every library must come from the folder, none from the machine. */
async function checkLibraries(folder: ServerFolder, server: DebianServer): Promise<void> {
  for (const program of [`${server.prefix}-check-rdb`, `${server.prefix}-cli`]) {
    const r = await execa(folder.loader, ['--library-path', folder.libDir, '--list', join(folder.root, 'usr', 'bin', program)], { reject: false, all: true });
    const outside = r.all
      .split('\n')
      .map((l) => /=>\s*(\S+)/.exec(l)?.[1])
      .filter((p): p is string => p !== undefined && !p.startsWith(folder.root));
    if (r.exitCode !== 0 || outside.length) {
      throw new ArcError(
        `servers add ${server.name}: ${program} loads ${outside.join(', ') || 'libraries it cannot find'} from outside the cache; ${r.all.trim().split('\n')[0] ?? ''}`,
      );
    }
  }
}

async function answerVersion(folder: ServerFolder, server: DebianServer): Promise<string> {
  const r = await execa(folder.bin('redis-server'), ['--version'], { reject: false, all: true });
  const line = r.all.trim().split('\n')[0] ?? '';
  if (r.exitCode !== 0 || !line.includes(`v=${server.version}.`)) {
    throw new ArcError(`servers add ${server.name}: the fetched server answered \`--version\` with "${line}", expected v=${server.version}.x`);
  }
  return line;
}

async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return total;
}
