/**
 * The servers redis-arc knows by name. `redis-7.0` is the machine's own redis-server on PATH;
 * the others are Debian 13 (trixie) packages that `redis-arc servers add` fetches into a per-user
 * cache (fetch.ts) and runs through that folder's own dynamic loader (wrappers.ts).
 */
export interface PathServer {
  name: string;
  /** What `servers list` says it is. */
  about: string;
  source: 'path';
}

export interface DebianServer {
  name: string;
  about: string;
  source: 'debian';
  suite: string;
  /** The package with the binaries: `<prefix>-check-rdb` is the server, `<prefix>-cli` the client. */
  toolsPackage: string;
  /** The version the package index must offer: another means the suite moved on, which `add` says. */
  version: string;
  /** The program names the server answers to (it picks server or sentinel mode from argv[0]). */
  prefix: 'redis' | 'valkey';
  /**
   * The libraries the binaries load, with the ones those load, as Debian 13 packages: the tools
   * package's Depends (less adduser, which only its maintainer scripts use) and what `ld.so --list`
   * showed they pull in (libsystemd0's libcap2, zlib1g, libzstd1; jemalloc's libstdc++6 and libgcc-s1).
   * fetch.ts checks every library resolves inside the folder, so a missing one fails `add`, not a node.
   */
  libraries: readonly string[];
}

export type CatalogueServer = PathServer | DebianServer;

const DEBIAN_13_LIBRARIES = [
  'libc6',
  'libgcc-s1',
  'libstdc++6',
  'libatomic1',
  'libjemalloc2',
  'liblzf1',
  'libssl3t64',
  'libsystemd0',
  'libcap2',
  'zlib1g',
  'libzstd1',
] as const;

export const DEFAULT_SERVER = 'redis-7.0';

export const CATALOGUE: readonly CatalogueServer[] = [
  { name: 'redis-7.0', about: "this machine's redis-server and redis-sentinel (PATH)", source: 'path' },
  {
    name: 'redis-8.0',
    about: 'Redis 8.0 from Debian 13 (redis-tools)',
    source: 'debian',
    suite: 'trixie',
    toolsPackage: 'redis-tools',
    version: '8.0',
    prefix: 'redis',
    libraries: DEBIAN_13_LIBRARIES,
  },
  {
    name: 'valkey-8.1',
    about: 'Valkey 8.1 from Debian 13 (valkey-tools)',
    source: 'debian',
    suite: 'trixie',
    toolsPackage: 'valkey-tools',
    version: '8.1',
    prefix: 'valkey',
    libraries: DEBIAN_13_LIBRARIES,
  },
];

export const SERVER_NAMES = CATALOGUE.map((s) => s.name);

export function catalogueServer(name: string): CatalogueServer | undefined {
  return CATALOGUE.find((s) => s.name === name);
}

/** A `server:` value that is not a catalogue name is a path to the user's own binary: it has a slash. */
export function isServerPath(value: string): boolean {
  return value.includes('/');
}
