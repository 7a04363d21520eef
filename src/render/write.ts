import { createHash } from 'node:crypto';
import { chmod, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { WouldOverwriteError } from '../errors/index.js';
import { fsError } from '../errors/fs-error.js';
import { errnoCode } from '../errors/thrown.js';
import { isSymlink } from '../system/fs.js';
import { parseJson } from '../system/json.js';
import { writeAtomic } from '../system/write.js';
import type { RenderedFile } from './render.js';

/** Record of what redis-arc last wrote, so a re-render can tell its own files from a user's edits. */
export const MANIFEST = '.redis-arc/rendered.json';

/** Each file redis-arc wrote, by path, with the sha256 of what it wrote: a file that no longer matches was edited by the user. */
const manifestSchema = z.record(z.string(), z.string());
type Manifest = z.infer<typeof manifestSchema>;

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

export interface WriteResult {
  written: string[];
  unchanged: string[];
}

/**
 * Write rendered files into `outDir`. A file that exists and is not exactly what redis-arc wrote
 * last time (the user edited it, or it was never ours) is only replaced with `force`.
 */
export async function writeRendered(
  outDir: string,
  files: RenderedFile[],
  opts: { force?: boolean; /** Runs after the conflict check, before any file is written. */ before?: () => Promise<void> } = {},
): Promise<WriteResult> {
  const manifest = await readManifest(outDir);
  const conflicts: string[] = [];
  const plan: { file: RenderedFile; current: string | undefined }[] = [];
  for (const file of files) {
    // Absent is fine; a folder in the way, a dangling link or an unreadable file is named before anything is written.
    const current = await readFile(join(outDir, file.path), 'utf8').catch((err: unknown) => {
      if (errnoCode(err) === 'ENOENT' && !isSymlink(join(outDir, file.path))) return undefined;
      throw fsError(err, join(outDir, file.path));
    });
    if (current !== undefined && current !== file.content && manifest[file.path] !== sha(current) && !opts.force) {
      conflicts.push(join(outDir, file.path));
    }
    plan.push({ file, current });
  }
  if (conflicts.length) throw new WouldOverwriteError(conflicts);
  await opts.before?.();

  const result: WriteResult = { written: [], unchanged: [] };
  for (const { file, current } of plan) {
    manifest[file.path] = sha(file.content);
    if (current === file.content) {
      result.unchanged.push(file.path);
      if (file.secret) await closeToOthers(join(outDir, file.path));
      continue;
    }
    await writeAtomic(join(outDir, file.path), file.content, file.secret ? 0o600 : 0o644);
    result.written.push(file.path);
  }
  await writeAtomic(join(outDir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`, 0o644);
  return result;
}

/**
 * A secret others can read loses those bits; the owner's bits are left as they are, so a password
 * file the user made 0400 stays 0400 (its mode is theirs; only a loose one is a leak).
 */
async function closeToOthers(path: string): Promise<void> {
  const mode = (await stat(path)).mode & 0o777;
  if (mode & 0o077) await chmod(path, mode & 0o700);
}

async function readManifest(outDir: string): Promise<Manifest> {
  const text = await readFile(join(outDir, MANIFEST), 'utf8').catch(() => undefined);
  return (text === undefined ? undefined : parseJson(text, manifestSchema)) ?? {};
}

/** Add lines to a .gitignore without touching what the user has there. */
export async function ensureGitignore(dir: string, lines: string[]): Promise<void> {
  const path = join(dir, '.gitignore');
  const current = await readFile(path, 'utf8').catch(() => '');
  const have = new Set(current.split('\n').map((l) => l.trim()));
  const missing = lines.filter((l) => !have.has(l));
  if (!missing.length) return;
  const prefix = current && !current.endsWith('\n') ? '\n' : '';
  const header = current.includes('# redis-arc') ? '' : '# redis-arc: secrets and run-time state, never committed\n';
  await writeFile(path, `${current}${prefix}${header}${missing.join('\n')}\n`);
}
