import { join } from 'node:path';

/** Everything the local runtime writes lives under <spec dir>/.redis-arc/local: one folder per node. */
export class LocalPaths {
  constructor(readonly specDir: string) {}

  get root(): string {
    return join(this.specDir, '.redis-arc', 'local');
  }
  get stateFile(): string {
    return join(this.root, 'state.json');
  }
  /** Hostname mode: the nodes' /etc/hosts (src/runtime/local/hosts.ts). */
  get hostsFile(): string {
    return join(this.root, 'hosts');
  }
  get authConf(): string {
    return join(this.root, 'auth.conf');
  }
  get sentinelAuthConf(): string {
    return join(this.root, 'sentinel-auth.conf');
  }
  get nodesDir(): string {
    return join(this.root, 'nodes');
  }
  nodeDir(id: string): string {
    return join(this.nodesDir, id);
  }
  conf(id: string): string {
    return join(this.nodeDir(id), 'redis.conf');
  }
  log(id: string): string {
    return join(this.nodeDir(id), 'redis.log');
  }
  pidfile(id: string): string {
    return join(this.nodeDir(id), 'redis.pid');
  }
}
