import { execa, type Result } from 'execa';
import { ArcError } from '../../errors/index.js';
import { errnoCode, errorMessage } from '../../errors/thrown.js';

/** How to reach the engine, in one line for messages. */
export const engineAddress = (): string => process.env.DOCKER_HOST || 'the default socket (/var/run/docker.sock)';

const START_HINT =
  "start Docker, or on Linux without Docker run `scripts/engine.sh start` (podman's Docker API) and export the DOCKER_HOST it prints; or use --runtime local (redis-server processes on 127.0.0.1)";

/** Run the docker client; never throws for a non-zero exit (callers say what failed). */
export async function docker(args: string[], opts: { timeoutMs?: number; input?: string } = {}): Promise<Result> {
  try {
    return await execa('docker', args, {
      reject: false,
      timeout: opts.timeoutMs ?? 60_000,
      input: opts.input,
      stdin: opts.input === undefined ? 'ignore' : undefined,
    });
  } catch (err) {
    throw new ArcError(`could not run docker ${args[0]}: ${errorMessage(err)}`, undefined, { cause: err });
  }
}

/** `docker` output's last meaningful line, for error messages. */
export function lastLine(r: Result): string {
  const text = `${String(r.stderr ?? '')}\n${String(r.stdout ?? '')}`.trim();
  return text.split('\n').filter(Boolean).slice(-1)[0] ?? `exit ${r.exitCode}`;
}

/** The engine's version; throws with how to start one when nothing answers. */
export async function requireEngine(): Promise<string> {
  let r: Result;
  try {
    r = await execa('docker', ['version', '--format', '{{.Server.Version}}'], { reject: false, timeout: 15_000, stdin: 'ignore' });
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') {
      throw new ArcError(`the docker client is not installed; install Docker (docs.docker.com/get-docker), or use --runtime local`);
    }
    throw err;
  }
  if (errnoCode(r) === 'ENOENT' || (r.failed && /ENOENT/.test(String(r.message ?? '')))) {
    throw new ArcError(`the docker client is not installed; install Docker (docs.docker.com/get-docker), or use --runtime local`);
  }
  const version = String(r.stdout).trim();
  if (r.exitCode !== 0 || !version) {
    throw new ArcError(`no container engine answers at ${engineAddress()} (${lastLine(r)}); ${START_HINT}`);
  }
  return version;
}

/** `docker compose` (v2 plugin) when present, else `docker-compose` (v1). */
export interface ComposeCommand {
  file: string;
  /** Arguments before the compose ones (`compose` for the plugin). */
  prefix: string[];
  version: string;
  v1: boolean;
}

export async function findCompose(): Promise<ComposeCommand> {
  const v2 = await execa('docker', ['compose', 'version', '--short'], { reject: false, timeout: 15_000, stdin: 'ignore' }).catch(() => undefined);
  if (v2 && v2.exitCode === 0 && String(v2.stdout).trim()) {
    return { file: 'docker', prefix: ['compose'], version: String(v2.stdout).trim(), v1: false };
  }
  const v1 = await execa('docker-compose', ['version', '--short'], { reject: false, timeout: 15_000, stdin: 'ignore' }).catch(() => undefined);
  if (v1 && v1.exitCode === 0 && String(v1.stdout).trim()) {
    return { file: 'docker-compose', prefix: [], version: String(v1.stdout).trim(), v1: true };
  }
  throw new ArcError(
    'neither `docker compose` (the v2 plugin) nor `docker-compose` (v1) is installed; install the compose plugin (docs.docker.com/compose/install), or on Debian/Ubuntu `apt-get install docker-compose`',
  );
}

/** Fail unless the engine has the image, naming it and how to get it. */
export async function requireImage(image: string): Promise<void> {
  const r = await docker(['image', 'inspect', '--format', '{{.Id}}', image], { timeoutMs: 30_000 });
  if (r.exitCode === 0) return;
  const local = /^localhost\//.test(image);
  throw new ArcError(
    local
      ? `image ${image} is not in the engine at ${engineAddress()}; build it from this machine's Redis binaries with \`redis-arc image build-local\``
      : `image ${image} is not in the engine at ${engineAddress()}; pull it with \`docker pull ${image}\`, or without registry access build one from this machine's Redis binaries with \`redis-arc image build-local\` and pass --image localhost/redis-local:<version> (or set image: in redis-arc.yaml)`,
  );
}
