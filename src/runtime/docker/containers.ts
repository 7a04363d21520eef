import { ArcError } from '../../errors/index.js';
import { retryUntil } from '../../wait/retry.js';
import { docker, lastLine, requireEngine } from './engine.js';

/** The label every compose implementation (v1, v2) puts on a project's containers, networks and volumes. */
export const PROJECT_LABEL = 'com.docker.compose.project';
export const SERVICE_LABEL = 'com.docker.compose.service';

export interface Container {
  id: string;
  service: string;
  /** running | paused | exited | created | ... as the engine says. */
  state: string;
  status: string;
  name: string;
}

/** A compose project's containers, found by label (works after a crash and without the state file). */
export async function listContainers(project: string): Promise<Container[]> {
  const r = await docker([
    'ps',
    '-a',
    '--no-trunc',
    '--filter',
    `label=${PROJECT_LABEL}=${project}`,
    '--format',
    `{{.ID}}\t{{.Label "${SERVICE_LABEL}"}}\t{{.State}}\t{{.Status}}\t{{.Names}}`,
  ]);
  if (r.exitCode !== 0) {
    await requireEngine();
    throw new ArcError(`docker ps failed: ${lastLine(r)}`);
  }
  return String(r.stdout)
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [id = '', service = '', state = '', status = '', name = ''] = line.split('\t');
      return { id, service, state: state.toLowerCase(), status, name };
    });
}

/** Run a docker command that must succeed; `what` names it in the one-line error. */
export async function dockerOk(args: string[], what: string): Promise<void> {
  const r = await docker(args);
  if (r.exitCode !== 0) throw new ArcError(`docker ${what} failed: ${lastLine(r)}`);
}

export async function unpause(containers: Container[]): Promise<void> {
  for (const c of containers.filter((x) => x.state === 'paused')) await docker(['unpause', c.id]);
}

/** Stop these services' containers of a project (a paused one is continued first, so it can act on the stop). */
export async function stopServices(project: string, services: string[], graceMs: number): Promise<void> {
  const containers = (await listContainers(project)).filter((c) => services.includes(c.service));
  await unpause(containers);
  const running = containers.filter((c) => c.state === 'running' || c.state === 'paused');
  if (running.length) await docker(['stop', '-t', String(Math.ceil(graceMs / 1000)), ...running.map((c) => c.id)]);
}

/** Whatever compose left (or could not reach, without a compose file): containers, networks, and with purge volumes. */
export async function removeByLabel(project: string, purge: boolean, composeError: string | undefined): Promise<void> {
  const filter = ['--filter', `label=${PROJECT_LABEL}=${project}`];
  const left = await listContainers(project);
  if (left.length) await docker(['rm', '-f', '-v', ...left.map((c) => c.id)]);
  const nets = await docker(['network', 'ls', '-q', ...filter]);
  const netIds = String(nets.stdout).split('\n').filter(Boolean);
  if (netIds.length) await docker(['network', 'rm', ...netIds]);
  if (purge) {
    const vols = await docker(['volume', 'ls', '-q', ...filter]);
    const volIds = String(vols.stdout).split('\n').filter(Boolean);
    if (volIds.length) await docker(['volume', 'rm', '-f', ...volIds]);
  }
  const still = await listContainers(project);
  if (still.length) {
    throw new ArcError(
      `could not remove ${still.map((c) => c.name).join(', ')}${composeError ? ` (compose down: ${composeError})` : ''}; try \`docker rm -f ${still.map((c) => c.id.slice(0, 12)).join(' ')}\``,
    );
  }
}

async function inspectState(id: string): Promise<string | undefined> {
  const r = await docker(['inspect', '--format', '{{.State.Status}}', id]);
  return r.exitCode === 0 ? String(r.stdout).trim().toLowerCase() : undefined;
}

/** Wait until the engine reports a state `ok` accepts; returns quietly on timeout (callers look again). */
export async function waitState(id: string, ok: (state: string | undefined) => boolean, timeoutMs: number): Promise<void> {
  await retryUntil(() => inspectState(id), ok, { timeoutMs, intervalMs: 50 });
}
