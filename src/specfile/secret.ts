import { randomBytes } from 'node:crypto';
import { stat, writeFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { ArcError } from '../errors/index.js';
import { fsError, readUserFile } from '../errors/fs-error.js';
import { rememberSecret } from '../errors/redact.js';
import { errnoCode } from '../errors/thrown.js';
import { confValue, envValue } from './secret-quote.js';

export function passwordPath(specDir: string, passwordFile: string): string {
  return isAbsolute(passwordFile) ? passwordFile : join(specDir, passwordFile);
}

/** 32 random bytes, URL-safe: no quoting trouble in conf files, env files or URLs. */
export function generatePassword(): string {
  return randomBytes(32).toString('base64url');
}

/** Read the password; create it (0600) when absent. An existing password is never replaced. */
export async function ensurePassword(path: string, opts: PasswordOptions = {}): Promise<{ password: string; created: boolean }> {
  const existing = await readPassword(path, { ...opts, optional: true });
  if (existing) return { password: existing, created: false };
  const password = generatePassword();
  await writeFile(path, `${password}\n`, { mode: 0o600, flag: 'wx' }).catch((err: unknown) => {
    throw fsError(err, path, 'the password file');
  });
  remember(password);
  return { password, created: true };
}

export interface PasswordOptions {
  optional?: boolean;
  /** Sentinel rewrites `sentinel auth-pass` unquoted (Redis 7.0), so its passwords must not need quotes. */
  sentinel?: boolean;
  /** The file names a server redis-arc did not set up (an attach flag): deleting it and running `render` would not help. */
  attached?: boolean;
}

/** `optional`: undefined when the file is missing (other problems still throw). */
export function readPassword(path: string, opts: PasswordOptions & { optional: true }): Promise<string | undefined>;
/** A password file that must be there: the password, or an error naming the file and the fix. */
export function readPassword(path: string, opts?: PasswordOptions & { optional?: false }): Promise<string>;
export function readPassword(path: string, opts?: PasswordOptions): Promise<string | undefined>;
export async function readPassword(path: string, opts: PasswordOptions = {}): Promise<string | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readUserFile(path);
  } catch (err) {
    const code = errnoCode(err);
    if (code === 'ENOENT' && opts.optional) return undefined;
    if (code === 'ENOENT') throw new ArcError(`${path}: no password file; run \`redis-arc render\` to create one`);
    throw fsError(err, path, 'the password file');
  }
  // The mode is the user's: never changed behind their back, but a secret others can read is refused.
  const mode = (await stat(path)).mode & 0o777;
  if (mode & 0o077)
    throw new ArcError(`${path}: the password file is readable by others (mode ${mode.toString(8).padStart(4, '0')}); run \`chmod 600 ${path}\``);
  const password = checkPassword(bytes, path, opts);
  remember(password);
  return password;
}

/** What Redis can hold, checked on the bytes of the file; problems name the file, never the value. */
export function checkPassword(bytes: Buffer, path: string, opts: Pick<PasswordOptions, 'sentinel' | 'attached'> = {}): string {
  const regenerate = opts.attached ? '' : ', or delete it and run `redis-arc render` to generate one';
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ArcError(`${path}: the password file is not valid UTF-8 text; save it as UTF-8${regenerate}`);
  }
  const password = text.replace(/^\uFEFF/, '').trim();
  if (!password)
    throw new ArcError(
      `${path}: the password file is empty; ${opts.attached ? "write the server's password into it, on one line" : 'delete it and run `redis-arc render` to generate one'}`,
    );
  if (/[\r\n]/.test(password)) throw new ArcError(`${path}: the password file holds more than one line; keep only the password, on one line`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(password))
    throw new ArcError(`${path}: the password contains a control character, which redis.conf and clients cannot carry safely; use printable characters`);
  if (opts.sentinel && /[\s"']/.test(password)) {
    throw new ArcError(
      `${path}: the password contains a space or a quote, which Redis Sentinel writes back unquoted into its config (it would not restart); use one without for a sentinel topology`,
    );
  }
  return password;
}

/** The password and the forms it takes in the files redis-arc writes, for the one scrubber. */
function remember(password: string): void {
  rememberSecret(password);
  rememberSecret(confValue(password));
  rememberSecret(envValue(password));
}
