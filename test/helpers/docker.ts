/**
 * The real container engine for the docker-runtime tests (no mocks): podman's Docker API as
 * `scripts/engine.sh start` runs it, or any Docker engine DOCKER_HOST points at.
 * In CI (CI=true) a missing engine fails the docker tests; elsewhere they skip, saying why.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, expect } from 'vitest';
import { BIN, cli, tempDir } from './cli.js';

const ENGINE_SCRIPT = resolve(import.meta.dirname, '../../scripts/engine.sh');
const PROJECT_LABEL = 'com.docker.compose.project';

export interface Engine {
  ok: boolean;
  /** Why the docker tests cannot run (when !ok). */
  reason?: string;
  dockerHost?: string;
}

/** Find an answering engine: DOCKER_HOST, else the one `scripts/engine.sh start` left running. Sets DOCKER_HOST for the CLI runs. */
export async function findEngine(): Promise<Engine> {
  if (!process.env.DOCKER_HOST) {
    const env = await execa('bash', [ENGINE_SCRIPT, 'env'], { reject: false, timeout: 30_000 });
    const m = /^export DOCKER_HOST=(\S+)$/m.exec(String(env.stdout));
    if (m?.[1]) process.env.DOCKER_HOST = m[1];
  }
  const v = await execa('docker', ['version', '--format', '{{.Server.Version}}'], { reject: false, timeout: 15_000 }).catch((e: Error) => ({
    exitCode: 127,
    stdout: '',
    stderr: e.message,
  }));
  if (v.exitCode !== 0 || !String(v.stdout).trim()) {
    return { ok: false, reason: `no container engine answers at ${process.env.DOCKER_HOST ?? 'the default socket'} (start one with scripts/engine.sh start)` };
  }
  const compose =
    (await execa('docker', ['compose', 'version'], { reject: false }).catch(() => ({ exitCode: 1 }))).exitCode === 0 ||
    (await execa('docker-compose', ['version', '--short'], { reject: false }).catch(() => ({ exitCode: 1 }))).exitCode === 0;
  if (!compose) return { ok: false, reason: 'neither docker compose nor docker-compose is installed (scripts/engine.sh start installs docker-compose)' };
  return { ok: true, dockerHost: process.env.DOCKER_HOST };
}

/**
 * The engine for a docker test file: in CI a missing engine is a failure, not a skip.
 * Returns whether the file's tests should run.
 */
export async function requireEngineOrSkip(file: string): Promise<Engine> {
  const engine = await findEngine();
  if (!engine.ok) {
    if (process.env.CI === 'true') throw new Error(`${file}: CI=true and ${engine.reason}; .ci/run starts it with scripts/engine.sh start`);
    console.warn(`SKIPPED ${file}: ${engine.reason}`);
  }
  return engine;
}

/** The image built from this machine's Redis binaries (built once; later calls find it). */
export async function localImage(): Promise<string> {
  const v = await execa('redis-server', ['--version']);
  const image = `localhost/redis-local:${/v=(\S+)/.exec(String(v.stdout))![1]}`;
  const found = await execa('docker', ['image', 'inspect', image], { reject: false });
  if (found.exitCode === 0) return image;
  const built = await execa(BIN, ['image', 'build-local', '--json'], { reject: false, timeout: 300_000 });
  if (built.exitCode !== 0) throw new Error(`redis-arc image build-local failed:\n${String(built.stderr)}`);
  return (JSON.parse(String(built.stdout)) as { image: string }).image;
}

/** A compose project's leftovers in the engine, by label: what `down` must have removed. */
export async function projectLeftovers(project: string): Promise<{ containers: string[]; networks: string[]; volumes: string[] }> {
  const filter = ['--filter', `label=${PROJECT_LABEL}=${project}`];
  const list = async (args: string[]) =>
    String((await execa('docker', [...args, ...filter], { reject: false })).stdout)
      .split('\n')
      .filter(Boolean);
  return {
    containers: await list(['ps', '-a', '--format', '{{.Names}}']),
    networks: await list(['network', 'ls', '--format', '{{.Name}}']),
    volumes: await list(['volume', 'ls', '--format', '{{.Name}}']),
  };
}

/** Last resort in afterAll: remove everything of a project by label (containers, networks, volumes). */
export async function removeProject(project: string): Promise<void> {
  const left = await projectLeftovers(project);
  if (left.containers.length) await execa('docker', ['rm', '-f', '-v', ...left.containers], { reject: false });
  if (left.networks.length) await execa('docker', ['network', 'rm', ...left.networks], { reject: false });
  if (left.volumes.length) await execa('docker', ['volume', 'rm', '-f', ...left.volumes], { reject: false });
}

/** The engine's state of one service's container ('' when there is none). */
export async function containerState(project: string, service: string): Promise<string> {
  const r = await execa(
    'docker',
    ['ps', '-a', '--filter', `label=${PROJECT_LABEL}=${project}`, '--filter', `label=com.docker.compose.service=${service}`, '--format', '{{.State}}'],
    { reject: false },
  );
  return String(r.stdout).trim().toLowerCase();
}

export interface DockerProject {
  dir: string;
  spec: string;
  /** The generated admin password, read once `init` ran (in beforeAll). */
  password: string;
}

/**
 * One docker project for a test file: `redis-arc init <kind>` into `dir` (a temporary folder of
 * its own when not given, removed at the end) with the local image before the tests (optionally
 * on a bridge subnet of its own, so projects cannot collide), and `down --purge` plus removal by
 * label after them, whatever the tests did.
 */
export function dockerProject(engine: Engine, o: { name: string; dir?: string; kind: 'sentinel' | 'cluster'; args: string[]; subnet?: string }): DockerProject {
  const temp = o.dir === undefined ? tempDir() : undefined;
  const dir = o.dir ?? temp!.path;
  const spec = join(dir, 'redis-arc.yaml');
  const project: DockerProject = { dir, spec, password: '' };
  beforeAll(async () => {
    if (!engine.ok) return;
    const init = await cli(['init', o.kind, '--dir', dir, '--name', o.name, ...o.args, '--image', await localImage()]);
    expect(init.exitCode, init.stderr).toBe(0);
    if (o.subnet) writeFileSync(spec, readFileSync(spec, 'utf8').replace(/^(\s+)network: bridge$/m, `$1network: bridge\n$1subnet: ${o.subnet}`));
    project.password = readFileSync(join(dir, '.redis-arc.secret'), 'utf8').trim();
  }, 120_000);
  afterAll(async () => {
    try {
      if (!engine.ok) return;
      await cli(['down', '--purge', '--runtime', 'docker', '--spec', spec]);
      await removeProject(o.name);
    } finally {
      temp?.[Symbol.dispose]();
    }
  }, 120_000);
  return project;
}
