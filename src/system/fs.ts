import { lstatSync } from 'node:fs';
import { access, readdir } from 'node:fs/promises';

/** True when `path` can be reached (file or folder). */
export async function pathExists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** The names of the sub-folders of `dir`; none when it is missing. */
export async function subfolders(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isDirectory()).map((e) => e.name);
}

/** True when `path` itself is a symbolic link (followed or not): an ENOENT through it means a dangling link. */
export function isSymlink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}
