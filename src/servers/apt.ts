import { execa } from 'execa';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CannotRunError } from '../errors/index.js';
import { errorMessage } from '../errors/thrown.js';
import { debianMirror, parseDeb822, parseOneLine, privateSourcesList, type AptMirror } from './apt-source.js';

/** Where the machine's apt sources are (a test gives its own folder). */
export const APT_ETC = '/etc/apt';

/** Only amd64 packages are fetched (the wrappers name x86_64's loader and library folder). */
export function requireAmd64(arch: string = process.arch): void {
  if (arch !== 'x64') throw new CannotRunError(`servers add fetches Debian's amd64 packages, not ${arch}'s; ${POINT_AT_BINARY}`);
}

const POINT_AT_BINARY = 'point --server (or server: in redis-arc.yaml) at a redis-server or valkey-server binary of your own instead (docs/servers.md)';

/** The machine's configured Debian mirror, from sources.list and sources.list.d/*.{list,sources}. */
export async function machineMirror(etc = APT_ETC): Promise<AptMirror | undefined> {
  const texts: { name: string; text: string }[] = [];
  const read = (path: string) => readFile(path, 'utf8').catch(() => '');
  texts.push({ name: 'sources.list', text: await read(join(etc, 'sources.list')) });
  const parts = await readdir(join(etc, 'sources.list.d')).catch(() => []);
  // apt reads these two endings only (a `.disabled` file is not read, so not by us either), in name order.
  for (const name of parts.filter((n) => n.endsWith('.list') || n.endsWith('.sources')).sort()) {
    texts.push({ name, text: await read(join(etc, 'sources.list.d', name)) });
  }
  const entries = texts.flatMap(({ name, text }) => (name.endsWith('.sources') ? parseDeb822(text) : parseOneLine(text)));
  return debianMirror(entries);
}

/**
 * apt with a private sources list, lists folder, cache and no dpkg status: it reads and writes only
 * inside `dir`, needs no root, and leaves the machine's own apt state alone.
 */
export class PrivateApt {
  constructor(
    readonly dir: string,
    readonly suite: string,
  ) {}

  private get options(): string[] {
    const o = (k: string, v: string) => ['-o', `${k}=${v}`];
    return [
      ...o('Dir::Etc::SourceList', join(this.dir, 'sources.list')),
      ...o('Dir::Etc::SourceParts', '-'),
      ...o('Dir::State::Lists', join(this.dir, 'lists')),
      ...o('Dir::Cache', join(this.dir, 'cache')),
      ...o('Dir::State::status', '/dev/null'),
      // The lists folder is ours alone; the download goes into a folder of ours, which apt's
      // `_apt` sandbox user may not be able to write when run as root.
      ...o('Debug::NoLocking', '1'),
      ...o('APT::Sandbox::User', 'root'),
      ...o('Acquire::Retries', '0'),
      '-q',
    ];
  }

  /** Write the private sources list from the machine's mirror and fetch the suite's package index. */
  async update(etc = APT_ETC): Promise<AptMirror> {
    const mirror = await machineMirror(etc);
    if (!mirror) {
      throw new CannotRunError(
        `servers add: no Debian mirror in ${etc}/sources.list or ${etc}/sources.list.d/ to fetch ${this.suite} from; ${POINT_AT_BINARY}`,
      );
    }
    await Promise.all(['lists/partial', 'cache/archives/partial'].map((d) => mkdir(join(this.dir, d), { recursive: true })));
    await writeFile(join(this.dir, 'sources.list'), privateSourcesList(mirror, this.suite));
    const r = await this.apt('apt-get', ['update']);
    // apt-get update exits 0 with a warning when a suite could not be fetched: its index is then missing.
    const failed = r.exitCode !== 0 || /^(E|W): (Failed to fetch|The repository|.*does not have a Release file)/m.test(r.all);
    if (failed) {
      const why = r.all.split('\n').find((l) => /^(E|W|Err):?/.test(l.trim())) ?? `apt-get update exited ${r.exitCode}`;
      throw new CannotRunError(`servers add: apt cannot reach ${this.suite} at ${mirror.uri} (${why.trim()}); ${POINT_AT_BINARY}`);
    }
    return mirror;
  }

  /** `apt-cache show` fields of the candidate version of each package. */
  async show(pkg: string): Promise<Map<string, string>> {
    const r = await this.apt('apt-cache', ['show', '--no-all-versions', pkg]);
    if (r.exitCode !== 0) throw new CannotRunError(`servers add: ${this.suite} has no package ${pkg} (${r.all.trim().split('\n')[0] ?? ''})`);
    const fields = new Map<string, string>();
    for (const line of r.stdout.split('\n')) {
      const m = /^([A-Za-z0-9-]+): (.*)$/.exec(line);
      if (m?.[1] && m[2] !== undefined && !fields.has(m[1])) fields.set(m[1], m[2]);
    }
    return fields;
  }

  /** `apt-get download` into `into`: apt checks each file against the signed index's SHA256 as it fetches. */
  async download(packages: string[], into: string): Promise<void> {
    await mkdir(into, { recursive: true });
    const r = await this.apt('apt-get', ['download', ...packages], into);
    if (r.exitCode !== 0) throw new CannotRunError(`servers add: apt-get download failed: ${r.all.trim().split('\n').slice(-1)[0] ?? ''}`);
  }

  private async apt(program: string, args: string[], cwd = this.dir) {
    let r;
    try {
      r = await execa(program, [...this.options, ...args], { cwd, reject: false, all: true, env: { LC_ALL: 'C' } });
    } catch (err) {
      throw new CannotRunError(`servers add: cannot run ${program} (${errorMessage(err)}): it is Debian's; ${POINT_AT_BINARY}`);
    }
    // Not started at all (no apt on this machine): execa reports it with no exit code rather than throwing.
    if (r.exitCode === undefined) throw new CannotRunError(`servers add: cannot run ${program}, Debian's package tool (not on PATH here); ${POINT_AT_BINARY}`);
    return r;
  }
}
