import { SpecError, UsageError } from '../../errors/index.js';
import { initProject } from '../../project/init.js';
import { printWritten } from '../../report/files.js';
import { initOptions } from '../schemas/init.js';
import { parseOptions } from '../schemas/parse.js';

export async function runInit(kind: unknown, raw: Record<string, unknown>): Promise<void> {
  const { kind: k, json, ...o } = parseOptions(initOptions, { ...raw, kind });
  const init = {
    dir: o.dir,
    name: o.name,
    image: o.image,
    server: o.server,
    network: o.network,
    announce: o.announce,
    addresses: o.addresses,
    portBase: o.portBase,
    sentinelPortBase: o.sentinelPortBase,
    auth: o.auth,
    acl: o.acl,
    tls: o.tls,
    replicas: o.replicas,
    sentinels: o.sentinels,
    quorum: o.quorum,
    downAfterMs: o.downAfterMs,
    masters: o.masters,
    replicasPerMaster: o.replicasPerMaster,
    nodeTimeoutMs: o.nodeTimeoutMs,
    templatesDir: o.templates,
    force: o.force,
  };
  const { project, render } = await initProject(k, init).catch((err: unknown) => {
    // The spec init would write is built from the flags: name the setting, not a line of a file that does not exist yet.
    if (err instanceof SpecError) throw new UsageError(err.problems.map((p) => `${p.replace(/^[^:]+:\d+(:\d+)?: /, '')} (check the flags)`).join('\n'));
    throw err;
  });
  printWritten({ specFile: project.specFile, topology: project.topology, passwordFile: project.passwordFile, ...render }, json, [
    'redis-arc doctor',
    'redis-arc up',
  ]);
}
