import chalk from 'chalk';
import { boot } from '../../runtime/boot.js';
import { connectionInfo, formatConnection } from '../../report/connection.js';
import { securityFiles } from '../../security/project.js';
import { table } from '../../report/nodes-table.js';
import { createProgress } from '../../report/progress.js';
import { onInterrupt } from '../interrupt.js';
import { withProjectLock } from '../locked.js';
import { openTopology } from '../target.js';

export async function runUp(opts: Record<string, unknown>): Promise<void> {
  // `up` has no attach flags: this is the spec's topology, left running when the command ends.
  const topo = await openTopology(opts, { runtime: true, start: true });
  const project = topo.project!;
  const runtime = topo.runtime!;
  const password = topo.credentials.password;
  const t = runtime.topology;
  const progress = await createProgress({ quiet: Boolean(opts.json) });
  progress.step(`checking ports and binaries for ${t.name}`);
  const interrupt = onInterrupt('stopping the nodes this run started');
  let result;
  try {
    result = await withProjectLock(project, 'up', () =>
      boot(runtime, password, {
        timeoutMs: (opts.timeout as number) * 1000,
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
  const connection = connectionInfo(t, project.passwordFile, securityFiles(project));
  if (opts.json) {
    const out = {
      name: t.name,
      kind: t.kind,
      runtime: runtime.name,
      healthy: true,
      alreadyRunning: result.started.length === 0,
      started: result.started,
      elapsedMs: result.elapsedMs,
      nodes: t.nodes.map((n) => ({ id: n.id, role: n.role, ...runtime.endpoint(n) })),
      connection,
    };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return;
  }
  if (result.started.length === 0) {
    progress.succeed(`${t.name} is already running and healthy; nothing to start`);
  } else {
    progress.succeed(`${t.name} (${t.kind}) is healthy: ${result.started.length} node(s) started in ${(result.elapsedMs / 1000).toFixed(1)} s`);
  }
  console.log(
    table(
      ['node', 'planned role', 'address'],
      t.nodes.map((n) => {
        const ep = runtime.endpoint(n);
        return [n.id, n.role, `${ep.host}:${ep.port}`];
      }),
    ),
  );
  console.log(chalk.bold('Connect:'));
  for (const line of formatConnection(connection)) console.log(`  ${line}`);
  console.log(`Next: ${chalk.cyan('redis-arc status')}, then ${chalk.cyan('redis-arc down')}`);
}
