import { chmod, copyFile, mkdir, mkdtemp, realpath, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { ArcError } from '../../errors/index.js';
import { requireBinary } from '../local/preflight.js';
import { docker, lastLine, requireEngine } from './engine.js';

/** Images built from this machine's Redis binaries: `localhost/redis-local:<redis version>`. */
export const LOCAL_IMAGE_REPO = 'localhost/redis-local';

/** What the compose files run besides Redis: `sh -c` (sentinel, cluster-init), healthcheck greps, `cp`, `sleep`. */
const SHELL_TOOLS = ['sh', 'grep', 'cp', 'sleep', 'cat'] as const;

export interface LocalImage {
  image: string;
  redisVersion: string;
  sizeBytes: number;
  files: number;
  elapsedMs: number;
}

/**
 * Build a tiny image without a registry: the installed `redis-server` / `redis-cli` (sentinel is
 * redis-server under another name), a few shell tools, and the shared libraries `ldd` lists for
 * them, imported as a root filesystem (`docker import`). Linux only: the binaries are the host's.
 */
export async function buildLocalImage(opts: { tag?: string; onStep?: (message: string) => void } = {}): Promise<LocalImage> {
  const t0 = performance.now();
  const onStep = opts.onStep ?? (() => {});
  if (process.platform !== 'linux')
    throw new ArcError(
      `image build-local packs this machine's Linux Redis binaries; on ${process.platform} pull the official image instead (docker pull redis:7.2)`,
    );
  await requireEngine();
  // Debian's redis-server is a symlink to redis-check-rdb: ask the version under the name, copy the file.
  const serverOnPath = await requireBinary('redis-server');
  const server = await realpath(serverOnPath);
  const cli = await realpath(await requireBinary('redis-cli'));
  const redisVersion = /v=(\S+)/.exec(String((await execa(serverOnPath, ['--version'], { reject: false })).stdout))?.[1];
  if (!redisVersion) throw new ArcError(`could not read the version of ${server}`);
  const image = opts.tag ?? `${LOCAL_IMAGE_REPO}:${redisVersion}`;

  const tools = new Map<string, string>();
  for (const name of SHELL_TOOLS) tools.set(name, await realpath(await requireBinary(name)));

  const work = await mkdtemp(join(tmpdir(), 'redis-arc-image-'));
  try {
    const root = join(work, 'rootfs');
    onStep(`collecting redis ${redisVersion} (${serverOnPath}) and the libraries it links`);
    const put = async (from: string, to: string, mode = 0o755) => {
      await mkdir(join(root, dirname(to)), { recursive: true });
      await copyFile(from, join(root, to));
      await chmod(join(root, to), mode);
    };
    await put(server, '/usr/local/bin/redis-server');
    await put(cli, '/usr/local/bin/redis-cli');
    // redis-server decides by the name it was started under: redis-sentinel is the same binary.
    await symlink('redis-server', join(root, '/usr/local/bin/redis-sentinel'));
    for (const [name, path] of tools) await put(path, `/bin/${name}`);
    const libs = new Set<string>();
    for (const bin of [server, cli, ...tools.values()]) for (const lib of await sharedLibraries(bin)) libs.add(lib);
    for (const lib of libs) await put(await realpath(lib), lib);
    for (const dir of ['/data', '/usr/local/etc/redis', '/etc']) await mkdir(join(root, dir), { recursive: true });
    await mkdir(join(root, '/tmp'), { recursive: true, mode: 0o1777 });
    await chmod(join(root, '/tmp'), 0o1777);
    await writeFile(join(root, '/etc/passwd'), 'root:x:0:0:root:/root:/bin/sh\n');
    await writeFile(join(root, '/etc/group'), 'root:x:0:\n');

    onStep(`packing ${libs.size + tools.size + 2} files`);
    const tar = join(work, 'rootfs.tar');
    const packed = await execa('tar', ['-C', root, '-cf', tar, '.'], { reject: false });
    if (packed.exitCode !== 0) throw new ArcError(`tar failed: ${lastLine(packed)}`);

    onStep(`importing ${image}`);
    const imported = await docker(
      [
        'import',
        '--change',
        'ENV PATH=/usr/local/bin:/usr/bin:/bin',
        '--change',
        'WORKDIR /data',
        '--change',
        'CMD ["redis-server"]',
        '--message',
        `redis-arc image build-local: redis ${redisVersion} from ${serverOnPath}`,
        tar,
        image,
      ],
      { timeoutMs: 300_000 },
    );
    if (imported.exitCode !== 0) throw new ArcError(`docker import ${image} failed: ${lastLine(imported)}`);
    return { image, redisVersion, sizeBytes: (await stat(tar)).size, files: libs.size + tools.size + 2, elapsedMs: Math.round(performance.now() - t0) };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Absolute paths of the shared libraries (and the dynamic loader) a binary needs, as `ldd` lists them. */
async function sharedLibraries(binary: string): Promise<string[]> {
  const r = await execa('ldd', [binary], { reject: false });
  if (r.exitCode !== 0) {
    if (/not a dynamic executable/.test(String(r.stderr) + String(r.stdout))) return [];
    throw new ArcError(`ldd ${binary} failed: ${lastLine(r)}`);
  }
  const libs: string[] = [];
  for (const line of String(r.stdout).split('\n')) {
    // "libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x...)" or "/lib64/ld-linux-x86-64.so.2 (0x...)"
    const m = /=>\s*(\/\S+)/.exec(line) ?? /^\s*(\/\S+)\s+\(/.exec(line);
    if (m?.[1]) libs.push(m[1]);
  }
  return libs;
}
