import { realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { printableValue } from '../errors/printable.js';
import type { Problem } from './rules.js';
import type { Spec } from './spec.js';

/** The spec keys that name a file or folder redis-arc creates, chmods and writes secrets into. */
function specPaths(spec: Spec): { key: string; value: string }[] {
  const out: { key: string; value: string }[] = [];
  if (spec.auth.enabled) out.push({ key: 'auth.passwordFile', value: spec.auth.passwordFile });
  if (spec.auth.enabled && spec.auth.acl.enabled) out.push({ key: 'auth.acl.passwordFile', value: spec.auth.acl.passwordFile });
  if (spec.tls.enabled) out.push({ key: 'tls.dir', value: spec.tls.dir });
  return out;
}

/**
 * True when `path` (relative to `dir`, or absolute) lies inside `dir`: by its name, and (when it
 * exists) by where its symbolic links lead, so a link to a shared folder counts as outside.
 */
function isInside(dir: string, path: string): boolean {
  return within(resolve(dir), resolve(dir, path)) && within(real(resolve(dir)), real(resolve(dir, path)));
}

function within(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/** The path with every symbolic link of its existing part resolved (the rest kept as written). */
function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    const parent = dirname(path);
    return parent === path ? path : join(real(parent), basename(path));
  }
}

/**
 * Secrets and keys go where the spec's folder is: a path outside it (an absolute path, `../`)
 * would have redis-arc create, chmod and write into a folder the user may share with other
 * things. `allowPathsOutsideProject: true` in the spec is the explicit opt-in.
 */
export function outsidePathProblems(spec: Spec, specDir: string): Problem[] {
  if (spec.allowPathsOutsideProject) return [];
  return specPaths(spec)
    .filter((p) => !isInside(specDir, p.value))
    .map((p) => ({
      path: p.key,
      message: `'${printableValue(p.value)}' is outside the project folder ${specDir}; use a path inside it, or set allowPathsOutsideProject: true in the spec to let redis-arc create and write secrets there`,
    }));
}
