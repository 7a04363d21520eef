import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** Where fetched servers live: $XDG_CACHE_HOME/redis-arc/servers, else ~/.cache/redis-arc/servers. */
export function serversCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env.XDG_CACHE_HOME;
  // The XDG spec ignores a relative XDG_CACHE_HOME.
  const base = xdg && xdg.startsWith('/') ? xdg : join(homedir(), '.cache');
  return join(base, 'redis-arc', 'servers');
}

/** One server's folder in the cache, and the files inside it. */
export class ServerFolder {
  readonly dir: string;
  constructor(name: string, cacheDir = serversCacheDir()) {
    this.dir = resolve(cacheDir, name);
  }
  /** What `dpkg -x` unpacked: usr/bin, usr/lib/x86_64-linux-gnu. */
  get root(): string {
    return join(this.dir, 'root');
  }
  get libDir(): string {
    return join(this.root, 'usr', 'lib', 'x86_64-linux-gnu');
  }
  get loader(): string {
    return join(this.libDir, 'ld-linux-x86-64.so.2');
  }
  /** The wrappers the runtime runs (redis-server, redis-sentinel, redis-cli). */
  bin(program: 'redis-server' | 'redis-sentinel' | 'redis-cli'): string {
    return join(this.dir, 'bin', program);
  }
  /** What `add` recorded: packages, versions, checksums (manifest.ts). */
  get manifest(): string {
    return join(this.dir, 'manifest.json');
  }
  /** apt's private sources list, lists, cache and the downloaded .deb files. */
  get apt(): string {
    return join(this.dir, 'apt');
  }
}
