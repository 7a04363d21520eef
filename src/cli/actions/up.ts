import { openProject } from '../../project/open.js';
import { checkServerName } from '../../servers/resolve.js';
import { choosesDocker } from '../../project/runtime.js';
import { printPlan, upPlan } from '../../report/plan.js';
import { boot } from '../../runtime/boot.js';
import { connectionInfo } from '../../report/connection.js';
import { emit } from '../../report/emit.js';
import { securityFiles } from '../../security/project.js';
import { createProgress } from '../../report/progress.js';
import { printUp, type UpResult } from '../../report/up.js';
import { onInterrupt } from '../interrupt.js';
import { withProjectLock } from '../locked.js';
import { parseOptions } from '../schemas/parse.js';
import { upOptions } from '../schemas/up.js';
import { imageOption, openTopology } from '../target.js';

export async function runUp(raw: unknown): Promise<void> {
  const opts = parseOptions(upOptions, raw);
  // A name that is no server is a usage error before anything is read or planned.
  if (opts.server !== undefined) checkServerName(opts.server);
  if (opts.dryRun) {
    const project = await openProject(opts.spec);
    const docker = await choosesDocker(project, opts.runtime);
    printPlan(
      upPlan(project.topology, { specFile: project.specFile, docker, image: imageOption(opts), server: opts.server ?? project.spec.server }),
      opts.json,
    );
    return;
  }
  // `up` has no attach flags: this is the spec's topology, left running when the command ends.
  const topo = await openTopology(opts, { runtime: true, start: true });
  const { project, runtime } = topo;
  if (!project || !runtime) throw new Error('openTopology without attach flags, with runtime: true, returns the project and its runtime');
  const password = topo.credentials.password;
  const t = runtime.topology;
  const progress = await createProgress({ quiet: opts.json });
  progress.step(`checking ports and binaries for ${t.name}`);
  const interrupt = onInterrupt('stopping the nodes this run started');
  let result;
  try {
    result = await withProjectLock(project, 'up', () =>
      boot(runtime, password, {
        timeoutMs: opts.timeout * 1000,
        onStep: (s) => progress.step(s.message),
        signal: interrupt.signal,
      }),
    );
  } catch (err) {
    progress.fail();
    throw err;
  } finally {
    interrupt.dispose();
  }
  const out: UpResult = {
    name: t.name,
    kind: t.kind,
    runtime: runtime.name,
    healthy: true,
    alreadyRunning: result.started.length === 0,
    started: result.started,
    elapsedMs: result.elapsedMs,
    nodes: t.nodes.map((n) => ({ id: n.id, role: n.role, ...runtime.endpoint(n) })),
    connection: connectionInfo(t, project.passwordFile, securityFiles(project)),
  };
  if (out.alreadyRunning) progress.succeed(`${t.name} is already running and healthy; nothing to start`);
  else progress.succeed(`${t.name} (${t.kind}) is healthy: ${result.started.length} node(s) started in ${(result.elapsedMs / 1000).toFixed(1)} s`);
  emit(out, { json: opts.json, print: printUp });
}
