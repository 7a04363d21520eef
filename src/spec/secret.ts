import { randomBytes } from 'node:crypto';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { ArcError } from '../errors/index.js';

export function passwordPath(specDir: string, passwordFile: string): string {
  return isAbsolute(passwordFile) ? passwordFile : join(specDir, passwordFile);
}

/** 32 random bytes, URL-safe: no quoting trouble in conf files, env files or URLs. */
export function generatePassword(): string {
  return randomBytes(32).toString('base64url');
}

/** Read the password; create it (0600) when absent. An existing password is never replaced. */
export async function ensurePassword(path: string): Promise<{ password: string; created: boolean }> {
  const existing = await readPassword(path, { optional: true });
  if (existing) return { password: existing, created: false };
  const password = generatePassword();
  await writeFile(path, `${password}\n`, { mode: 0o600, flag: 'wx' });
  return { password, created: true };
}

export async function readPassword(path: string, opts: { optional?: boolean } = {}): Promise<string | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' && opts.optional) return undefined;
    throw new ArcError(`${path}: cannot read the password file (${(err as NodeJS.ErrnoException).code}); run \`redis-arc render\` to create one`);
  }
  const password = text.trim();
  if (!password) throw new ArcError(`${path}: the password file is empty; delete it and run \`redis-arc render\` to generate one`);
  if (/\s/.test(password)) throw new ArcError(`${path}: the password contains whitespace, which redis.conf cannot hold; use one without`);
  // Keep it private even when someone loosened it.
  await chmod(path, 0o600).catch(() => undefined);
  return password;
}
