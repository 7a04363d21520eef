import { SpecError, UsageError } from '../../errors/index.js';
import { initProject, type InitOptions } from '../../project/init.js';
import type { Kind } from '../../spec/defaults.js';
import { printWritten } from '../../report/files.js';

const SENTINEL_ONLY = ['replicas', 'sentinels', 'quorum', 'downAfter', 'sentinelPortBase'] as const;
const CLUSTER_ONLY = ['masters', 'replicasPerMaster', 'nodeTimeout'] as const;
const flag = (key: string) => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

export async function runInit(kind: Kind, opts: Record<string, unknown>): Promise<void> {
  for (const key of SENTINEL_ONLY) {
    if (opts[key] !== undefined && kind !== 'sentinel') throw new UsageError(`${flag(key)} applies to sentinel topologies, not ${kind}`);
  }
  for (const key of CLUSTER_ONLY) {
    if (opts[key] !== undefined && kind !== 'cluster') throw new UsageError(`${flag(key)} applies to cluster topologies, not ${kind}`);
  }
  const o: InitOptions = {
    dir: opts.dir as string | undefined,
    name: opts.name as string | undefined,
    image: opts.image as string | undefined,
    network: opts.network as InitOptions['network'],
    portBase: opts.portBase as number | undefined,
    sentinelPortBase: opts.sentinelPortBase as number | undefined,
    auth: opts.auth as boolean | undefined,
    acl: opts.acl as boolean | undefined,
    tls: opts.tls as boolean | undefined,
    replicas: opts.replicas as number | undefined,
    sentinels: opts.sentinels as number | undefined,
    quorum: opts.quorum as number | undefined,
    downAfterMs: opts.downAfter as number | undefined,
    masters: opts.masters as number | undefined,
    replicasPerMaster: opts.replicasPerMaster as number | undefined,
    nodeTimeoutMs: opts.nodeTimeout as number | undefined,
    templatesDir: opts.templates as string | undefined,
    force: Boolean(opts.force),
  };
  const { project, render } = await initProject(kind, o).catch((err: unknown) => {
    // The spec init would write is built from the flags: name the setting, not a line of a file that does not exist yet.
    if (err instanceof SpecError) throw new UsageError(err.problems.map((p) => `${p.replace(/^[^:]+:\d+(:\d+)?: /, '')} (check the flags)`).join('\n'));
    throw err;
  });
  printWritten({ specFile: project.specFile, topology: project.topology, passwordFile: project.passwordFile, ...render }, Boolean(opts.json), [
    'redis-arc doctor',
    'redis-arc up',
  ]);
}
